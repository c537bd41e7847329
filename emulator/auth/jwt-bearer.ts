import { compactVerify, decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import type { KeyObject } from 'node:crypto';
import { OAuthError, invalidClientId } from './oauth-error.js';

export interface JwtBearerCheck {
  /** The connected app's certificate key. */
  key: KeyObject;
  clientId: string;
  audiences: readonly string[];
  maxLifetimeSeconds: number;
  nowMs: number;
  userIdFor(username: string): string | null;
}

const invalidAssertion = (): OAuthError => new OAuthError('invalid_grant', 'invalid assertion');

/**
 * Verifies a JWT bearer assertion the way Salesforce does (docs/salesforce-api.md §1.3): RS256 signed with the connected
 * app's key; `iss` the consumer key; `sub` (or legacy `prn`, which wins) a pre-authorized username; `aud` a login
 * host; `exp` in seconds, in the future and not too far. Returns the user ID.
 */
export async function verifyJwtBearer(assertion: string, check: JwtBearerCheck): Promise<string> {
  let payload: JWTPayload;
  try {
    if (decodeProtectedHeader(assertion).alg !== 'RS256') throw invalidAssertion();
    payload = decodeJwt(assertion);
  } catch {
    throw invalidAssertion();
  }
  if (payload.iss !== check.clientId) throw invalidClientId();
  try {
    await compactVerify(assertion, check.key, { algorithms: ['RS256'] });
  } catch {
    throw invalidAssertion();
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.some((audience) => audience !== undefined && check.audiences.includes(audience.replace(/\/$/, '')))) {
    throw new OAuthError('invalid_grant', 'audience is invalid');
  }
  const nowSeconds = check.nowMs / 1000;
  if (typeof payload.exp !== 'number' || payload.exp <= nowSeconds || payload.exp > nowSeconds + check.maxLifetimeSeconds) {
    throw invalidAssertion();
  }
  const subject = typeof payload['prn'] === 'string' ? payload['prn'] : payload.sub;
  const userId = subject === undefined ? null : check.userIdFor(subject);
  if (userId === null) throw new OAuthError('invalid_grant', "user hasn't approved this consumer");
  return userId;
}
