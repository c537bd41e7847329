import type { SalesforceErrorCode } from './error-codes.js';

export interface SalesforceErrorInit {
  code: SalesforceErrorCode;
  message: string;
  retryable: boolean;
  status?: number;
  /** Salesforce's own errorCode (REST) or OAuth `error`, verbatim. */
  errorCode?: string;
  fields?: readonly string[];
  /** Request or support id Salesforce gave for this failure, when there was one. */
  requestId?: string;
  /** How long Salesforce asked us to wait (Retry-After); the caller (Temporal) does the waiting. */
  retryAfterMs?: number;
  /** `METHOD /path` of the failed call, with secrets removed. */
  request?: string;
  cause?: unknown;
}

/**
 * The one error type of this library. Built only by `toSalesforceError`; messages are redacted
 * there, and the instance never holds headers, bodies or tokens.
 */
export class SalesforceError extends Error {
  override readonly name = 'SalesforceError';
  readonly code: SalesforceErrorCode;
  readonly retryable: boolean;
  readonly status?: number;
  readonly errorCode?: string;
  readonly fields?: readonly string[];
  readonly requestId?: string;
  readonly retryAfterMs?: number;
  readonly request?: string;

  constructor(init: SalesforceErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.retryable = init.retryable;
    if (init.status !== undefined) this.status = init.status;
    if (init.errorCode !== undefined) this.errorCode = init.errorCode;
    if (init.fields !== undefined) this.fields = init.fields;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.request !== undefined) this.request = init.request;
  }
}

export function isSalesforceError(value: unknown): value is SalesforceError {
  return value instanceof SalesforceError;
}
