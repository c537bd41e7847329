/**
 * What a person should check when the token endpoint refuses us, by OAuth `error` and flow
 * (docs/salesforce-api.md §1.3-§1.8). The texts are part of AUTH_FAILED messages; keep them actionable.
 */
export type AuthFlowName = 'jwt' | 'client_credentials' | 'refresh_token' | 'web_server' | 'password';

const invalidGrantHints: Record<AuthFlowName, string> = {
  jwt:
    'check that the user is pre-authorized for the connected app (admin-approved profile or permission set), ' +
    'that the certificate on the connected app matches the private key, that the username (sub) is exact, ' +
    'that the audience is https://login.salesforce.com or https://test.salesforce.com, ' +
    "and that this machine's clock is right (the assertion expires 3 minutes after it is signed)",
  client_credentials: "check the connected app's Client Credentials flow settings and its Run As user",
  refresh_token:
    "the refresh token is revoked or expired: check the connected app's refresh token policy and issue a new token",
  web_server:
    "the stored refresh token is revoked or expired: run `npm run login -- --connection <name>` again and check the connected app's refresh token policy",
  password:
    'check the username, the password with the security token appended, and that the org allows the username-password flow',
};

const hintsByError: Record<string, string> = {
  invalid_client_id: 'check the consumer key (clientId) and that the connected app exists in this org',
  invalid_client: 'check the consumer secret (clientSecret)',
  invalid_client_credentials: 'check the consumer secret (clientSecret)',
  unsupported_grant_type:
    'check that this OAuth flow is enabled on the connected app and that loginUrl is right (Client Credentials needs the My Domain host)',
  invalid_scope: "check the connected app's OAuth scopes (api, plus refresh_token for the web server flow)",
  inactive_user: 'the user is inactive or frozen',
  inactive_org: 'the org is inactive',
  redirect_uri_mismatch: "check that redirectUri matches the connected app's callback URL exactly",
};

const GENERIC_HINT = 'check the consumer key, user pre-authorization, certificate and scopes';

export function authHint(error: string, flow: AuthFlowName | undefined): string {
  if (error === 'invalid_grant' && flow !== undefined) return invalidGrantHints[flow];
  return hintsByError[error] ?? GENERIC_HINT;
}
