import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { ApiRequest, ApiResponse } from '../http/api-types.js';
import { identityUrl, type OrgRuntime } from '../org-runtime.js';
import { verifyJwtBearer } from './jwt-bearer.js';
import {
  OAuthError, authenticationFailure, expiredRefreshToken, invalidClient, invalidClientId, unsupportedGrantType,
} from './oauth-error.js';
import type { Session } from './session-store.js';
import { userIdByUsername } from './oauth-users.js';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

interface TokenFields {
  refreshToken?: string;
  scope?: boolean;
  /** JWT bearer responses carry neither `signature` nor `issued_at` (docs/salesforce-api.md §1.3). */
  signed?: boolean;
}

/** `POST /services/oauth2/token` for every grant docs/salesforce-api.md lists (§1.2–1.8). */
export async function tokenEndpoint(runtime: OrgRuntime, request: ApiRequest): Promise<ApiResponse> {
  try {
    if (request.method !== 'POST') throw new OAuthError('invalid_request', 'must use HTTP POST');
    const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    // A JSON body (or any other type) reads as no grant type at all (docs/salesforce-api.md §1.1).
    if (type !== 'application/x-www-form-urlencoded') throw unsupportedGrantType();
    const params = new URLSearchParams(request.query);
    for (const [key, value] of new URLSearchParams(request.rawBody.toString('utf8'))) params.set(key, value);
    return await grant(runtime, request, params);
  } catch (error) {
    if (error instanceof OAuthError) return error.toResponse();
    throw error;
  }
}

async function grant(runtime: OrgRuntime, request: ApiRequest, params: URLSearchParams): Promise<ApiResponse> {
  const secrets = runtime.secrets;
  const settings = runtime.oauth;
  const client = clientCredentials(request, params);
  switch (params.get('grant_type')) {
    case 'password': {
      checkClient(runtime, client, true);
      if (!settings.passwordFlowEnabled) throw authenticationFailure();
      const username = params.get('username');
      if (username?.toLowerCase() !== secrets.username.toLowerCase() || !safeEqual(params.get('password') ?? '', secrets.password)) throw authenticationFailure();
      return tokenResponse(runtime, runtime.sessions.issue(runtime.integrationUserId, secrets.clientId, scopes(settings.defaultScopes)), {});
    }
    case 'client_credentials': {
      checkClient(runtime, client, true);
      const session = runtime.sessions.issue(runtime.integrationUserId, secrets.clientId, scopes(settings.defaultScopes));
      return tokenResponse(runtime, session, { scope: true });
    }
    case 'refresh_token': {
      checkClient(runtime, client, settings.requireSecretForRefresh);
      const old = params.get('refresh_token') ?? '';
      const found = runtime.sessions.refreshGrant(old);
      if (found === undefined || found.clientId !== client.id) throw expiredRefreshToken();
      let refreshToken = old;
      if (settings.refreshTokenRotation) {
        runtime.sessions.revoke(old);
        refreshToken = runtime.sessions.issueRefreshToken(found.userId, found.clientId, found.scopes);
      }
      const session = runtime.sessions.issue(found.userId, found.clientId, found.scopes, refreshToken);
      return tokenResponse(runtime, session, settings.refreshTokenRotation ? { scope: true, refreshToken } : { scope: true });
    }
    case 'authorization_code': {
      checkClient(runtime, client, settings.requireSecretForWebServer);
      const code = runtime.codes.redeem(params.get('code') ?? '');
      if (code === null) throw new OAuthError('invalid_grant', 'invalid authorization code');
      if (code === 'expired') throw new OAuthError('invalid_grant', 'expired authorization code');
      if (code.clientId !== client.id) throw new OAuthError('invalid_grant', 'invalid authorization code');
      if (params.get('redirect_uri') !== code.redirectUri) throw new OAuthError('redirect_uri_mismatch', 'redirect_uri must match configuration');
      if (code.codeChallenge !== null) {
        const verifier = params.get('code_verifier') ?? '';
        if (createHash('sha256').update(verifier).digest('base64url') !== code.codeChallenge) {
          throw new OAuthError('invalid_grant', 'invalid code verifier');
        }
      }
      const withRefresh = code.scopes.includes('refresh_token') || code.scopes.includes('offline_access');
      const refreshToken = withRefresh ? runtime.sessions.issueRefreshToken(code.userId, code.clientId, code.scopes) : null;
      const session = runtime.sessions.issue(code.userId, code.clientId, code.scopes, refreshToken);
      return tokenResponse(runtime, session, refreshToken === null ? { scope: true } : { scope: true, refreshToken });
    }
    case JWT_BEARER: {
      const userId = await verifyJwtBearer(params.get('assertion') ?? '', {
        key: runtime.jwtKey,
        clientId: secrets.clientId,
        audiences: [...settings.jwtAudiences, runtime.baseUrl()],
        maxLifetimeSeconds: settings.jwtMaxLifetimeSeconds,
        nowMs: runtime.clock.now(),
        userIdFor: (username) => userIdByUsername(runtime, username),
      });
      const session = runtime.sessions.issue(userId, secrets.clientId, scopes(settings.defaultScopes));
      return tokenResponse(runtime, session, { scope: true, signed: false });
    }
    default:
      throw unsupportedGrantType();
  }
}

/** Salesforce's token response: no `expires_in`, `issued_at` as a millisecond string (docs/salesforce-api.md §1.2). */
function tokenResponse(runtime: OrgRuntime, session: Session, fields: TokenFields): ApiResponse {
  const id = identityUrl(runtime, session.userId);
  const issuedAt = String(session.issuedAt);
  const signed = fields.signed !== false;
  const body: Record<string, string> = { access_token: session.token };
  if (fields.refreshToken !== undefined) body['refresh_token'] = fields.refreshToken;
  if (signed) body['signature'] = createHmac('sha256', runtime.secrets.clientSecret).update(id + issuedAt).digest('base64');
  if (fields.scope === true) body['scope'] = session.scopes.join(' ');
  body['instance_url'] = runtime.baseUrl();
  body['id'] = id;
  body['token_type'] = 'Bearer';
  if (signed) body['issued_at'] = issuedAt;
  return { status: 200, body };
}

interface ClientCredentials {
  id: string | null;
  secret: string | null;
}

/** client_id/client_secret from the form, or from an HTTP Basic header (simple-salesforce sends Basic). */
function clientCredentials(request: ApiRequest, params: URLSearchParams): ClientCredentials {
  const header = request.headers['authorization'];
  if (header !== undefined && /^Basic\s+/i.test(header)) {
    const decoded = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    if (separator > 0) {
      return { id: decodeURIComponent(decoded.slice(0, separator)), secret: decodeURIComponent(decoded.slice(separator + 1)) };
    }
  }
  return { id: params.get('client_id'), secret: params.get('client_secret') };
}

function checkClient(runtime: OrgRuntime, client: ClientCredentials, secretRequired: boolean): void {
  if (client.id !== runtime.secrets.clientId) throw invalidClientId();
  if (client.secret === null ? secretRequired : !safeEqual(client.secret, runtime.secrets.clientSecret)) throw invalidClient();
}

function scopes(text: string): string[] {
  return text.split(/\s+/).filter((scope) => scope !== '');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
