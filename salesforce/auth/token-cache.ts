import type { AccessToken } from './access-token.js';

export type TokenFetcher = () => Promise<AccessToken>;

interface Entry {
  promise: Promise<AccessToken>;
  /** Set once the fetch succeeded. */
  token?: AccessToken;
}

/**
 * Access tokens per connection and credential (credential-key.ts), shared by every client in the process. Concurrent callers
 * share one in-flight token request (the model is jose's remote JWK set), and a refresh after a 401
 * is single-flight too: only the first caller holding the stale token triggers a new request.
 * Tokens live in memory only and are dropped on failure, so the next caller tries again.
 */
export class TokenCache {
  readonly #entries = new Map<string, Entry>();

  get(key: string, fetch: TokenFetcher): Promise<AccessToken> {
    return this.#entries.get(key)?.promise ?? this.#start(key, fetch);
  }

  /** Replaces `stale` unless someone already did; returns the token to retry with. */
  refresh(key: string, stale: AccessToken, fetch: TokenFetcher): Promise<AccessToken> {
    const entry = this.#entries.get(key);
    const replacedAlready = entry !== undefined && (entry.token === undefined || entry.token.accessToken !== stale.accessToken);
    return replacedAlready ? entry.promise : this.#start(key, fetch);
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  #start(key: string, fetch: TokenFetcher): Promise<AccessToken> {
    const entry: Entry = {
      promise: fetch().then(
        (token) => {
          entry.token = token;
          return token;
        },
        (error: unknown) => {
          if (this.#entries.get(key) === entry) this.#entries.delete(key);
          throw error;
        },
      ),
    };
    this.#entries.set(key, entry);
    return entry.promise;
  }
}

/** The process-wide cache used when a client is not given one. */
export const processTokenCache = new TokenCache();
