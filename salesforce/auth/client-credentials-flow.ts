import type { ClientCredentialsAuthConfig } from '../config/connection-config.js';
import { resolveSecret } from '../config/secret-ref.js';
import { toAccessToken } from './access-token.js';
import type { CredentialSource } from './credential.js';
import type { FlowDeps } from './flow-deps.js';

/** Client Credentials flow: runs as the connected app's "Run As" user; My Domain host only (docs/salesforce-api.md §1.4). */
export function clientCredentialsFlow(auth: ClientCredentialsAuthConfig, deps: FlowDeps): CredentialSource {
  return async () => {
    const clientSecret = await resolveSecret(auth.clientSecret, deps.env);
    return {
      material: { flow: auth.flow, loginUrl: deps.loginUrl, clientId: auth.clientId, clientSecret },
      fetch: async () => {
        const response = await deps.endpoint({
          flow: 'client_credentials',
          form: { grant_type: 'client_credentials', client_id: auth.clientId, client_secret: clientSecret },
          retrySafe: true,
        });
        return toAccessToken(response);
      },
    };
  };
}
