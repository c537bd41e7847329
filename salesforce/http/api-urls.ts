import { toSalesforceError } from '../errors/to-salesforce-error.js';

/**
 * Every URL this client sends to is built here. Data calls always carry the pinned API version;
 * the only unversioned paths are the version list itself and the OAuth endpoints.
 */

/** Lists the versions an org supports; needs no auth and is not counted against limits (docs/salesforce-api.md §2.1). */
export const VERSIONS_PATH = '/services/data/';

export function versionRoot(apiVersion: string): string {
  return `/services/data/${apiVersion}`;
}

/** `/services/data/v62.0/sobjects/Account/001...`, each segment percent-encoded. */
export function apiPath(apiVersion: string, ...segments: readonly string[]): string {
  return `${versionRoot(apiVersion)}/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
}

/** True when `path` is under the pinned version root (used to vet paths from callers and from responses). */
export function isVersionedPath(apiVersion: string, path: string): boolean {
  return path.startsWith(`${versionRoot(apiVersion)}/`) && !path.includes('/../') && !path.includes('\\');
}

export function apiUrl(
  origin: string,
  apiVersion: string,
  path: string,
  query?: Readonly<Record<string, string>>,
): URL {
  if (path !== VERSIONS_PATH && !isVersionedPath(apiVersion, path)) {
    throw toSalesforceError({ code: 'INVALID_ARGUMENT', message: `refusing to send a path outside ${versionRoot(apiVersion)}/` });
  }
  const url = new URL(path, origin);
  if (url.origin !== origin) {
    throw toSalesforceError({ code: 'INVALID_ARGUMENT', message: 'refusing to send a request to another host' });
  }
  for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value);
  return url;
}

export function oauthUrl(loginUrl: string, endpoint: 'token' | 'authorize' | 'revoke'): URL {
  return new URL(`/services/oauth2/${endpoint}`, loginUrl);
}
