import { RawBody, type ApiRequest, type ApiResponse, type TopRoute } from '../http/api-types.js';
import type { OrgRuntime } from '../org-runtime.js';
import { identityDocument, userInfoDocument } from './identity.js';
import { OAuthError } from './oauth-error.js';
import { isAllowedRedirect, userIdByUsername } from './oauth-users.js';
import type { Session } from './session-store.js';
import { tokenEndpoint } from './token-endpoint.js';

/** The identity service answers a bad token with a plain-text 403. */
const badToken = (): ApiResponse => ({ status: 403, body: new RawBody('Bad_OAuth_Token', 'text/plain;charset=UTF-8') });

/** `/services/oauth2/*` and the identity URL (docs/salesforce-api.md §1). */
export function oauthRoutes(runtime: OrgRuntime): TopRoute[] {
  return [
    { methods: ['GET', 'POST'], template: '/services/oauth2/token', handler: (request) => tokenEndpoint(runtime, request) },
    { methods: ['GET', 'POST'], template: '/services/oauth2/authorize', handler: (request) => authorize(runtime, request) },
    {
      methods: ['GET', 'POST'], template: '/services/oauth2/revoke',
      handler: (request) => {
        const token = request.method === 'POST'
          ? new URLSearchParams(request.rawBody.toString('utf8')).get('token') ?? request.query.get('token')
          : request.query.get('token');
        if (token === null || !runtime.sessions.revoke(token)) return new OAuthError('invalid_token', 'invalid token').toResponse();
        return { status: 200 };
      },
    },
    {
      methods: ['GET', 'POST'], template: '/services/oauth2/userinfo',
      handler: (request) => {
        const session = bearerSession(runtime, request);
        return session === null ? badToken() : { status: 200, body: userInfoDocument(runtime, session.userId) };
      },
    },
    {
      methods: ['GET'], template: '/id/:orgId/:userId',
      handler: (request, params) => {
        const session = bearerSession(runtime, request);
        if (session === null) return badToken();
        if (params['orgId'] !== runtime.secrets.orgId || params['userId'] !== session.userId) {
          return { status: 403, body: new RawBody('Bad_Id', 'text/plain;charset=UTF-8') };
        }
        return { status: 200, body: identityDocument(runtime, session.userId) };
      },
    },
  ];
}

/**
 * The web-server flow's authorize step. The emulator has no login page: it approves at once as the user named by
 * `login_hint` (or the integration user) and redirects with the code, or with `error=` as Salesforce does.
 */
function authorize(runtime: OrgRuntime, request: ApiRequest): ApiResponse {
  const params = request.method === 'POST' ? new URLSearchParams(request.rawBody.toString('utf8')) : request.query;
  if (params.get('client_id') !== runtime.secrets.clientId) return new OAuthError('invalid_client_id', 'client identifier invalid').toResponse();
  const redirectUri = params.get('redirect_uri') ?? '';
  if (!isAllowedRedirect(runtime, redirectUri)) return new OAuthError('redirect_uri_mismatch', 'redirect_uri must match configuration').toResponse();
  const redirect = (values: Record<string, string>): ApiResponse => {
    const target = new URL(redirectUri);
    for (const [key, value] of Object.entries(values)) target.searchParams.set(key, value);
    const state = params.get('state');
    if (state !== null) target.searchParams.set('state', state);
    return { status: 302, headers: { Location: target.toString() } };
  };
  if (params.get('response_type') !== 'code') {
    return redirect({ error: 'unsupported_response_type', error_description: 'response type not supported' });
  }
  const method = params.get('code_challenge_method') ?? 'S256';
  const challenge = params.get('code_challenge');
  if (challenge !== null && method !== 'S256') {
    return redirect({ error: 'invalid_request', error_description: 'invalid code_challenge_method' });
  }
  const hint = params.get('login_hint');
  const userId = hint === null ? runtime.integrationUserId : userIdByUsername(runtime, hint);
  if (userId === null) return redirect({ error: 'access_denied', error_description: 'end-user denied authorization' });
  const requested = params.get('scope')?.split(/\s+/).filter((scope) => scope !== '');
  const code = runtime.codes.issue({
    clientId: runtime.secrets.clientId,
    redirectUri,
    userId,
    scopes: requested ?? runtime.oauth.defaultScopes.split(/\s+/),
    codeChallenge: challenge,
  });
  return redirect({ code });
}

/** A session from `Authorization: Bearer` or the `oauth_token` parameter the identity URL also accepts. */
function bearerSession(runtime: OrgRuntime, request: ApiRequest): Session | null {
  const header = /^(?:Bearer|OAuth)\s+(\S+)/i.exec(request.headers['authorization'] ?? '');
  const token = header?.[1] ?? request.query.get('oauth_token');
  return token === null || token === undefined ? null : runtime.sessions.authenticate(token);
}
