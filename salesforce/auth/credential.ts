import type { TokenFetcher } from './token-cache.js';

/** A connection's credential as its secret references held it at one moment. */
export interface ResolvedCredential {
  /**
   * Everything that decides whose token this is (login URL, client id, user, secrets). Only ever digested
   * into the token cache key (credential-key.ts); never logged or kept.
   */
  readonly material: Readonly<Record<string, string | undefined>>;
  /** Exchanges this credential, not a later one, for an access token. */
  readonly fetch: TokenFetcher;
}

/**
 * Reads the secrets now (files and variables may have rotated since the last call); a missing secret
 * throws CONFIG_INVALID before any request is sent.
 */
export type CredentialSource = () => Promise<ResolvedCredential>;
