import type { ApiResponse } from '../http/api-types.js';

/** OAuth errors are JSON *objects* `{ error, error_description }` with status 400 (docs/salesforce-api.md §1.8). */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(`${error}: ${description}`);
    this.name = 'OAuthError';
  }

  toResponse(): ApiResponse {
    return { status: this.status, body: { error: this.error, error_description: this.description } };
  }
}

export const invalidClientId = (): OAuthError => new OAuthError('invalid_client_id', 'client identifier invalid');
export const invalidClient = (): OAuthError => new OAuthError('invalid_client', 'invalid client credentials');
export const authenticationFailure = (): OAuthError => new OAuthError('invalid_grant', 'authentication failure');
export const expiredRefreshToken = (): OAuthError => new OAuthError('invalid_grant', 'expired access/refresh token');
export const unsupportedGrantType = (): OAuthError => new OAuthError('unsupported_grant_type', 'grant type not supported');
