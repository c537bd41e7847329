import type { ApiResponse } from './api-types.js';

/**
 * A REST error: Salesforce answers with an *array* of `{ message, errorCode, fields? }` (docs/salesforce-api.md §2.3).
 * Handlers throw it; the dispatcher turns it into the response.
 */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
    this.name = 'RestError';
  }

  toResponse(): ApiResponse {
    return errorResponse(this.status, this.errorCode, this.message, this.fields);
  }
}

export function errorResponse(status: number, errorCode: string, message: string, fields?: string[]): ApiResponse {
  const item = fields === undefined ? { message, errorCode } : { message, errorCode, fields };
  return { status, body: [item] };
}

export const notFoundError = (): RestError => new RestError(404, 'NOT_FOUND', 'The requested resource does not exist');

export const invalidSession = (): RestError => new RestError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');

export const requestLimitExceeded = (): RestError => new RestError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');

export function methodNotAllowed(method: string, allowed: readonly string[]): RestError {
  return new RestError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}`);
}
