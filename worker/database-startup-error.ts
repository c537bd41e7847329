import { errorText, StoreError } from '../store/index.js';
import { StartupError } from './startup-error.js';

export interface DestinationSource {
  databaseUrl: string | undefined;
  /** The environment variable the URL was read from. */
  databaseUrlEnv: string;
  pgliteDir: string;
}

/**
 * Why the destination database could not be opened at start-up, in one line an operator can act on: where the
 * URL comes from (the variable, and the config key when it is not the default) and which server it names. The
 * URL itself is never shown: it may hold a password.
 */
export function databaseStartupError(error: unknown, destination: DestinationSource): StartupError {
  const reason = error instanceof StoreError ? error.message : errorText(error);
  if (destination.databaseUrl === undefined) {
    return new StartupError(`cannot open the embedded PGlite database in ${destination.pgliteDir}: ${reason}`);
  }
  const source = destination.databaseUrlEnv === 'DATABASE_URL' ? 'DATABASE_URL' : `${destination.databaseUrlEnv} (destination.databaseUrlEnv)`;
  return new StartupError(
    `cannot open the PostgreSQL database at ${serverOf(destination.databaseUrl)}, the URL in ${source}: ${redact(reason, destination.databaseUrl)}`);
}

/** host:port of a connection URL, or a placeholder when it does not parse. */
function serverOf(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    // libpq's defaults: a URL without host reaches the local socket (or `?host=`), without port 5432.
    const host = url.hostname || url.searchParams.get('host') || 'localhost';
    return `${host}:${url.port || '5432'}`;
  } catch {
    return '(a URL that does not parse)';
  }
}

/** The URL's password and the URL itself, should a driver message ever quote them. */
function redact(text: string, databaseUrl: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(databaseUrl).password);
  } catch {
    // An unparsable URL is redacted whole below.
  }
  const secrets = [databaseUrl, password].filter((secret) => secret.length > 0);
  return secrets.reduce((redacted, secret) => redacted.replaceAll(secret, '***'), text);
}
