import { redactText } from '../redact/redact.js';
import type { AuthFlowName } from './auth-hints.js';
import { authHint } from './auth-hints.js';
import { clockSkewHint } from './clock-skew.js';
import type { SalesforceErrorCode } from './error-codes.js';
import { isKnownSalesforceCode } from './error-codes.js';
import { retryDecision } from './is-retryable.js';
import type { ParsedErrorBody } from './parse-error-body.js';
import { parseErrorBody } from './parse-error-body.js';
import { SalesforceError } from './salesforce-error.js';

export type HeaderValues = Readonly<Record<string, string | string[] | undefined>>;

export interface FailedResponse {
  status: number;
  headers: HeaderValues;
  /** Raw bytes, text, or JSON that was already parsed (composite sub-responses). */
  body: unknown;
}

export interface ErrorContext {
  method?: string;
  /** Request path; redacted and shortened before it reaches the message. */
  path?: string;
  /** Set for token endpoint calls, so AUTH_FAILED messages say what to check for that flow. */
  authFlow?: AuthFlowName;
  /** Epoch ms when the request started: turns an HTTP-date Retry-After into a delay, and measures clock skew. */
  now?: number;
}

export type ErrorSource =
  | { response: FailedResponse }
  | { cause: unknown }
  | { code: SalesforceErrorCode; message: string; cause?: unknown };

/** The one way to build a SalesforceError: from a non-2xx response, a transport failure, or a code of ours. */
export function toSalesforceError(source: ErrorSource, context: ErrorContext = {}): SalesforceError {
  if ('response' in source) return fromResponse(source.response, context);
  if ('cause' in source && !('code' in source)) return fromCause(source.cause, context);
  return build({ code: source.code, message: source.message, cause: source.cause }, context);
}

/** The same failure (code, status, Salesforce's errorCode, request id) with what to do appended to its message. */
export function withExplanation(error: SalesforceError, explanation: string): SalesforceError {
  const { code, status, errorCode, fields, requestId, retryAfterMs, request } = error;
  return new SalesforceError({
    code,
    retryable: error.retryable,
    message: redactText(`${error.message}; ${explanation}`),
    ...(status === undefined ? {} : { status }),
    ...(errorCode === undefined ? {} : { errorCode }),
    ...(fields === undefined ? {} : { fields }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(request === undefined ? {} : { request }),
    cause: error,
  });
}

interface Draft {
  code: SalesforceErrorCode;
  message: string;
  status?: number;
  errorCode?: string;
  fields?: readonly string[];
  requestId?: string;
  retryAfterMs?: number;
  cause?: unknown;
}

function build(draft: Draft, context: ErrorContext): SalesforceError {
  const request = describeRequest(context);
  const message = redactText(request === undefined ? draft.message : `${request}: ${draft.message}`);
  return new SalesforceError({
    ...draft,
    message,
    retryable: retryDecision(draft) !== 'never',
    ...(request === undefined ? {} : { request }),
  });
}

function fromResponse(response: FailedResponse, context: ErrorContext): SalesforceError {
  const parsed = parseErrorBody(response.body);
  const { status } = response;
  const retryAfterMs = parseRetryAfter(header(response.headers, 'retry-after'), context.now ?? Date.now());
  const requestId = header(response.headers, 'x-request-id') ?? supportErrorId(parsed);
  const common = {
    status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(requestId === undefined ? {} : { requestId }),
  };
  switch (parsed.kind) {
    case 'api': {
      const code = isKnownSalesforceCode(parsed.errorCode) ? parsed.errorCode : 'SALESFORCE_ERROR';
      const message = `${status} ${parsed.errorCode}: ${parsed.message}`;
      return build({ ...common, code, message, errorCode: parsed.errorCode, fields: parsed.fields }, context);
    }
    case 'oauth': {
      const detail = parsed.description === undefined ? parsed.error : `${parsed.error}: ${parsed.description}`;
      // "too many login attempts" is a budget problem, not a credentials problem (docs/salesforce-api.md §1.8).
      const code = parsed.error === 'rate_limit_exceeded' ? 'REQUEST_LIMIT_EXCEEDED' : statusCode(status) ?? 'AUTH_FAILED';
      const hint = code === 'AUTH_FAILED' ? `; ${oauthHint(parsed.error, response.headers, context)}` : '';
      return build({ ...common, code, message: `${status} ${detail}${hint}`, errorCode: parsed.error }, context);
    }
    case 'text':
      return build({ ...common, code: statusCode(status) ?? 'HTTP_ERROR', message: `${status}: ${parsed.snippet}` }, context);
    case 'empty':
      return build({ ...common, code: statusCode(status) ?? 'HTTP_ERROR', message: `${status} with an empty body` }, context);
  }
}

/** A refused JWT assertion from a machine whose clock is off: the clock is the likely cause, so it comes first. */
function oauthHint(error: string, headers: HeaderValues, context: ErrorContext): string {
  const hint = authHint(error, context.authFlow);
  const skew = error === 'invalid_grant' && context.authFlow === 'jwt' ? clockSkewHint(header(headers, 'date'), context.now) : undefined;
  return skew === undefined ? hint : `${skew}; otherwise ${hint}`;
}

/** Codes decided by the status alone when the body names none (or names an OAuth error on a 5xx). */
function statusCode(status: number): SalesforceErrorCode | undefined {
  if (status === 502 || status === 503 || status === 504) return 'SERVICE_UNAVAILABLE';
  if (status === 410) return 'API_VERSION_UNSUPPORTED'; // a retired API version answers 410 GONE (reference, version note)
  if (status === 300) return 'MULTIPLE_CHOICES';
  return undefined;
}

const timeoutCodes = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

function fromCause(cause: unknown, context: ErrorContext): SalesforceError {
  if (cause instanceof SalesforceError) return cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  const codes = errorCodesOf(cause);
  if (isAbort(cause)) return build({ code: 'ABORTED', message: 'request aborted', cause }, context);
  if (codes.some((code) => timeoutCodes.has(code))) return build({ code: 'TIMEOUT', message, cause }, context);
  if (codes.includes('UND_ERR_INVALID_ARG')) return build({ code: 'INVALID_ARGUMENT', message, cause }, context);
  return build({ code: 'NETWORK', message: codes[0] === undefined ? message : `${codes[0]}: ${message}`, cause }, context);
}

/** undici and Node put the interesting code on the error or somewhere down its `cause` chain. */
function errorCodesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || errorCodesOf(error).includes('ABORT_ERR'));
}

/** Retry-After is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** UNKNOWN_EXCEPTION messages carry the id Salesforce support asks for: "...ErrorId if you contact support: 123-456 (-789)". */
function supportErrorId(parsed: ParsedErrorBody): string | undefined {
  return parsed.kind === 'api' ? /ErrorId[^:]*:\s*([\w-]+(?:\s*\(-?\d+\))?)/.exec(parsed.message)?.[1] : undefined;
}

function header(headers: HeaderValues, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const MAX_PATH_LENGTH = 200;

function describeRequest(context: ErrorContext): string | undefined {
  if (context.method === undefined || context.path === undefined) return undefined;
  const path = context.path.length > MAX_PATH_LENGTH ? `${context.path.slice(0, MAX_PATH_LENGTH)}…` : context.path;
  return redactText(`${context.method} ${path}`);
}
