import type { Logger } from 'pino';
import { findSecretProblems, type ConnectionConfig } from '../salesforce/index.js';

/**
 * Refuses to start a worker that could not authenticate one of its connections: every secret reference
 * is resolved once, and a missing one is logged in one line (connection and variable or file, never a
 * value) before the process exits with status 1.
 */
export async function requireConnectionSecrets(connections: Iterable<ConnectionConfig>, logger: Logger, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const problems = (await Promise.all([...connections].map((config) => findSecretProblems(config, env)))).flat();
  if (problems.length === 0) return;
  logger.fatal(`cannot start: ${problems.join('; ')}`);
  process.exit(1);
}
