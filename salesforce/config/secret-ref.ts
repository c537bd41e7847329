import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { toSalesforceError } from '../errors/to-salesforce-error.js';

/**
 * Where a secret lives. Config never holds a secret value itself: only the name of an environment
 * variable or the path of a file (mounted secret, `npm run login` output).
 */
export const secretRefSchema = z.union([
  z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name') }),
  z.strictObject({ file: z.string().min(1) }),
]);
export type SecretRef = z.infer<typeof secretRefSchema>;

export function describeSecretRef(ref: SecretRef): string {
  return 'env' in ref ? `environment variable ${ref.env}` : `file ${ref.file}`;
}

/** Reads a secret at the moment it is needed, so rotated files and variables are picked up. */
export async function resolveSecret(ref: SecretRef, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const value = 'env' in ref ? env[ref.env] : await readSecretFile(ref.file);
  if (value === undefined || value.trim() === '') {
    throw toSalesforceError({ code: 'CONFIG_INVALID', message: `secret ${describeSecretRef(ref)} is missing or empty` });
  }
  // Files written by editors and `echo` end with a newline that is not part of the secret.
  return value.trim();
}

async function readSecretFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw toSalesforceError({
      code: 'CONFIG_INVALID',
      message: `cannot read secret file ${path}: ${(error as Error).message}`,
      cause: error,
    });
  }
}
