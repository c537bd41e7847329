import type { ClientCredentialsAuthConfig } from '../config/connection-config.js';
import { resolveSecret } from '../config/secret-ref.js';
import { toAccessToken } from './access-token.js';
import type { FlowDeps } from './flow-deps.js';
import type { TokenFetcher } from './token-cache.js';

/** Client Credentials flow: runs as the connected app's "Run As" user; My Domain host only (reference §1.4). */
export function clientCredentialsFlow(auth: ClientCredentialsAuthConfig, deps: FlowDeps): TokenFetcher {
  return async () => {
    const clientSecret = await resolveSecret(auth.clientSecret, deps.env);
    const response = await deps.endpoint({
      flow: 'client_credentials',
      form: { grant_type: 'client_credentials', client_id: auth.clientId, client_secret: clientSecret },
      retrySafe: true,
    });
    return toAccessToken(response);
  };
}
