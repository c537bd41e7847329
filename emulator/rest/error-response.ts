import { OAuthError } from '../auth/oauth-error.js';
import type { ApiResponse } from '../http/api-types.js';
import { RestError, errorResponse } from '../http/rest-error.js';
import { SoqlError } from '../soql/soql-error.js';
import { SaveError } from '../store/save-error.js';

/** Maps anything a handler throws to Salesforce's error response; unknown failures are 500 UNKNOWN_EXCEPTION. */
export function toErrorResponse(error: unknown): ApiResponse {
  if (error instanceof RestError) return error.toResponse();
  if (error instanceof SoqlError) return errorResponse(400, error.errorCode, error.message);
  if (error instanceof OAuthError) return error.toResponse();
  if (error instanceof SaveError) {
    return {
      status: error.httpStatus,
      body: error.items.map((item) => (item.statusCode === 'NOT_FOUND'
        ? { message: item.message, errorCode: item.statusCode }
        : { message: item.message, errorCode: item.statusCode, fields: item.fields })),
    };
  }
  console.error('emulator: unexpected error', error);
  const errorId = `${Date.now() % 10_000_000_000}-${Math.floor(Math.random() * 100_000)}`;
  return errorResponse(500, 'UNKNOWN_EXCEPTION', `An unexpected error occurred. Please include this ErrorId if you contact support: ${errorId} (-1)`);
}
