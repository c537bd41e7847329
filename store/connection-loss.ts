import { StoreError } from './errors.js';

// Node's socket errors for a server that is gone, restarting or unreachable.
const SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// SQLSTATE class 08 is "connection exception"; 57P01, 57P02 and 57P03 are admin_shutdown, crash_shutdown and
// cannot_connect_now (a server starting up or recovering), 57P05 idle_session_timeout. PostgreSQL documentation,
// Appendix A "PostgreSQL Error Codes": https://www.postgresql.org/docs/current/errcodes-appendix.html
const SERVER_GONE_CODES = new Set(['57P01', '57P02', '57P03', '57P05']);
// pg's own errors, without a code, for a connection that ended and a client that can no longer be used.
const PG_GONE_MESSAGES = [/^Connection terminated/, /is not queryable$/];

/** The code (SQLSTATE or Node's) and message of a database error: never the client or query it carries. */
export function errorSummary(error: unknown): { code?: string; message: string } {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? { code, message: error.message } : { message: error.message };
}

/** The message of a database error, with its code unless the message already says it. */
export function errorText(error: unknown): string {
  const { code, message } = errorSummary(error);
  return code === undefined || message.includes(code) ? message : `${message} (${code})`;
}

/**
 * Whether `error` (or an error it wraps, a few causes deep) says the connection to the database is lost or cannot be
 * made, rather than what a query did.
 */
export function isConnectionLoss(error: unknown, depth = 0): boolean {
  if (depth > 3) return false;
  const { code, message } = errorSummary(error);
  const lost = code !== undefined
    ? SOCKET_CODES.has(code) || SERVER_GONE_CODES.has(code) || code.startsWith('08')
    : PG_GONE_MESSAGES.some((pattern) => pattern.test(message));
  return lost || (error instanceof Error && error.cause !== undefined && isConnectionLoss(error.cause, depth + 1));
}

/**
 * What a database call throws: a lost connection (or `lost`, the error its client emitted, which leaves the
 * client unusable whatever the call saw) as the retryable `DATABASE_UNAVAILABLE`; any other error unchanged.
 */
export function storeFailure(error: unknown, lost?: Error): unknown {
  if (error instanceof StoreError || (lost === undefined && !isConnectionLoss(error))) return error;
  return new StoreError('DATABASE_UNAVAILABLE', `PostgreSQL is unavailable: ${errorText(lost ?? error)}`);
}
