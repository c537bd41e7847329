import { createHash, randomBytes } from 'node:crypto';
import { oauthUrl } from '../http/api-urls.js';

export interface PkcePair {
  verifier: string;
  /** base64url(SHA-256(verifier)), sent with code_challenge_method=S256 (RFC 7636, docs/salesforce-api.md §1.6). */
  challenge: string;
}

export function createPkcePair(): PkcePair {
  // 32 random bytes give a 43-character verifier, the RFC 7636 minimum length.
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface AuthorizeParams {
  loginUrl: string;
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  state: string;
  codeChallenge: string;
}

/** `GET /services/oauth2/authorize?response_type=code&...` (docs/salesforce-api.md §1.6). */
export function authorizeUrl(params: AuthorizeParams): URL {
  const url = oauthUrl(params.loginUrl, 'authorize');
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    scope: params.scopes.join(' '),
    state: params.state,
    code_challenge: params.codeChallenge,
    code_challenge_method: 'S256',
  }).toString();
  return url;
}
