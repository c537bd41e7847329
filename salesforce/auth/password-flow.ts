import type { PasswordAuthConfig } from '../config/connection-config.js';
import { resolveSecret } from '../config/secret-ref.js';
import { toAccessToken } from './access-token.js';
import type { CredentialSource } from './credential.js';
import type { FlowDeps } from './flow-deps.js';

/**
 * Username-Password flow. Salesforce is phasing it out and blocks it in orgs created since Summer '23
 * (docs/salesforce-api.md §1.7); config must opt in, and every use logs a deprecation warning.
 */
export function passwordFlow(auth: PasswordAuthConfig, deps: FlowDeps): CredentialSource {
  return async () => {
    const [clientSecret, password, securityToken] = await Promise.all([
      resolveSecret(auth.clientSecret, deps.env),
      resolveSecret(auth.password, deps.env),
      auth.securityToken === undefined ? Promise.resolve('') : resolveSecret(auth.securityToken, deps.env),
    ]);
    return {
      material: { flow: auth.flow, loginUrl: deps.loginUrl, clientId: auth.clientId, clientSecret, username: auth.username, password, securityToken },
      fetch: async () => {
        deps.logger.warn(
          { flow: 'password', username: auth.username },
          'using the deprecated OAuth username-password flow; move this connection to the JWT bearer or client credentials flow',
        );
        const response = await deps.endpoint({
          flow: 'password',
          form: {
            grant_type: 'password',
            client_id: auth.clientId,
            client_secret: clientSecret,
            username: auth.username,
            password: `${password}${securityToken}`,
          },
          retrySafe: false,
        });
        return toAccessToken(response);
      },
    };
  };
}
