import { join } from 'node:path';
import { z } from 'zod';
import { writePrivate } from './auth/org-secrets.js';

/** What a client needs to connect; also written to `<stateDir>/credentials.json` (mode 0600). */
export const emulatorCredentialsSchema = z.object({
  loginUrl: z.string(),
  instanceUrl: z.string(),
  clientId: z.string(),
  clientSecret: z.string(),
  username: z.string(),
  password: z.string(),
  /** PEM RSA private key that signs JWT bearer assertions; the connected app holds its certificate. */
  privateKeyPath: z.string(),
  certificatePath: z.string(),
  refreshToken: z.string(),
  /** e.g. `64.0`: the newest version served. Clients should always pass a version explicitly. */
  apiVersion: z.string(),
});

export type EmulatorCredentials = z.infer<typeof emulatorCredentialsSchema>;

export const CREDENTIALS_FILE = 'credentials.json';

export async function writeCredentialsFile(stateDir: string, credentials: EmulatorCredentials): Promise<string> {
  const path = join(stateDir, CREDENTIALS_FILE);
  await writePrivate(path, `${JSON.stringify(credentials, null, 2)}\n`);
  return path;
}
