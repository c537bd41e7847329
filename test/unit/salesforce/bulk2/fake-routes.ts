/** What a fake route answers. A `text` body (CSV, or an HTML error page) is streamed in small chunks. */
export interface FakeReply {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
  /** Drop the connection after this many characters of `text`. */
  cutAfter?: number;
}

export interface RouteCall {
  method: string;
  /** The version in the request path, as a number (62). */
  apiVersion: number;
  id: string | undefined;
  sub: string | undefined;
  url: URL;
  body: string;
}

export function notFound(): FakeReply {
  return { status: 404, json: [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }] };
}

/** The wrong-state answer is not documented for every case (docs/salesforce-api.md §6.1 [FLAG]); a standard error array. */
export function badRequest(message: string, errorCode = 'INVALIDJOBSTATE'): FakeReply {
  return { status: 400, json: [{ message, errorCode }] };
}

export const TIMESTAMP = '2025-01-01T00:00:00.000+0000';
export const USER_ID = '005000000000001AAA';

export function jsonBody(body: string): Record<string, unknown> {
  return JSON.parse(body) as Record<string, unknown>;
}
