import type { AuthConfig } from '../config/connection-config.js';
import { clientCredentialsFlow } from './client-credentials-flow.js';
import type { FlowDeps } from './flow-deps.js';
import { jwtBearerFlow } from './jwt-bearer-flow.js';
import { passwordFlow } from './password-flow.js';
import { refreshTokenFlow, webServerFlow } from './refresh-token-flow.js';
import type { TokenFetcher } from './token-cache.js';

/** Picks the OAuth flow the connection config names. */
export function createTokenFetcher(auth: AuthConfig, deps: FlowDeps): TokenFetcher {
  switch (auth.flow) {
    case 'jwt':
      return jwtBearerFlow(auth, deps);
    case 'client_credentials':
      return clientCredentialsFlow(auth, deps);
    case 'refresh_token':
      return refreshTokenFlow(auth, deps);
    case 'web_server':
      return webServerFlow(auth, deps);
    case 'password':
      return passwordFlow(auth, deps);
  }
}

/**
 * Who a token is for. Two clients with the same key share tokens through the TokenCache, whatever
 * their connection names; different identities never do.
 */
export function tokenCacheKey(loginUrl: string, auth: AuthConfig): string {
  const principal = (() => {
    switch (auth.flow) {
      case 'jwt':
      case 'password':
        return auth.username;
      case 'client_credentials':
        return '';
      case 'refresh_token':
      case 'web_server':
        return JSON.stringify(auth.refreshToken);
    }
  })();
  return JSON.stringify([loginUrl, auth.flow, auth.clientId, principal]);
}
