import type { OrgRuntime } from '../org-runtime.js';
import { readScalar } from '../store/stored-record.js';

/** The active user with this username, or null. */
export function userIdByUsername(runtime: OrgRuntime, username: string): string | null {
  const users = runtime.store.table('User');
  const user = users?.findByUnique('Username', username)[0];
  if (users === undefined || user === undefined) return null;
  return readScalar(user, users.schema, 'IsActive') === true ? user.id : null;
}

/** A redirect URI the connected app accepts: an exact callback URL, or any loopback URL when none are configured. */
export function isAllowedRedirect(runtime: OrgRuntime, redirectUri: string): boolean {
  const configured = runtime.oauth.callbackUrls;
  if (configured.length > 0) return configured.includes(redirectUri);
  try {
    const url = new URL(redirectUri);
    return url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]');
  } catch {
    return false;
  }
}
