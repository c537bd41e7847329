import { isSalesforceError } from '../errors/salesforce-error.js';
import type { ConnectionConfig } from './connection-config.js';
import type { SecretRef } from './secret-ref.js';
import { resolveSecret, secretRefSchema } from './secret-ref.js';

/**
 * Resolves every secret a connection's auth names, once, so that a missing variable or file shows at
 * start-up rather than at the first sync. One line per problem, naming the connection and where the
 * secret should be, never a value.
 */
export async function findSecretProblems(config: ConnectionConfig, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const refs = Object.values(config.auth).filter((value): value is SecretRef => secretRefSchema.safeParse(value).success);
  const outcomes = await Promise.all(
    refs.map((ref) =>
      resolveSecret(ref, env).then(
        () => undefined,
        (error: unknown) => {
          if (!isSalesforceError(error)) throw error;
          return `connection ${config.name}: ${error.message}`;
        },
      ),
    ),
  );
  return outcomes.filter((problem) => problem !== undefined);
}
