import type { AccessToken } from './access-token.js';
import type { CredentialSource, ResolvedCredential } from './credential.js';
import { credentialKey } from './credential-key.js';
import type { TokenCache } from './token-cache.js';

/** What the auth layer asks for a bearer token. */
export interface TokenSource {
  current(): Promise<AccessToken>;
  /** Called after a 401 INVALID_SESSION_ID with the token that was refused. */
  refresh(stale: AccessToken): Promise<AccessToken>;
}

/**
 * Tokens of one connection through the shared cache. The credential is resolved on every call and the
 * cache key computed from it, so a token is only ever handed to a caller that holds the credential it
 * was issued for; single-flight and refresh-once work per key, as before.
 */
export function createTokenSource(connection: string, resolve: CredentialSource, cache: TokenCache): TokenSource {
  let lastKey: string | undefined;
  async function keyed(): Promise<{ key: string; credential: ResolvedCredential }> {
    const credential = await resolve();
    const key = credentialKey(connection, credential.material);
    // The credential changed (rotated or replaced): the old one's token must not outlive it here.
    if (lastKey !== undefined && lastKey !== key) cache.delete(lastKey);
    lastKey = key;
    return { key, credential };
  }
  return {
    async current() {
      const { key, credential } = await keyed();
      return cache.get(key, credential.fetch);
    },
    async refresh(stale) {
      const { key, credential } = await keyed();
      return cache.refresh(key, stale, credential.fetch);
    },
  };
}
