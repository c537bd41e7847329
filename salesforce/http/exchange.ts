import type { Logger } from 'pino';
import type { AuthFlowName } from '../errors/auth-hints.js';
import type { SalesforceError } from '../errors/salesforce-error.js';
import { toSalesforceError } from '../errors/to-salesforce-error.js';
import { redactText } from '../redact/redact.js';
import type { Clock } from '../time/clock.js';
import type { ApiUsageTracker } from '../usage/api-usage-tracker.js';
import type { ApiUsage } from '../usage/limit-info.js';
import { parseLimitInfo } from '../usage/limit-info.js';
import type { HttpRequest, HttpResponse, Transport } from './transport.js';

export interface ExchangeRequest extends HttpRequest {
  /** Low-cardinality route label for logs and metrics, e.g. `/sobjects/{object}/{id}`. */
  route: string;
}

export interface ExchangeContext {
  /** Org the usage header belongs to (org id, or instance origin before it is known). */
  org?: string;
  authFlow?: AuthFlowName;
}

/** One HTTP exchange, observed: a 2xx response, or a SalesforceError for anything else. */
export type Exchange = (request: ExchangeRequest, context?: ExchangeContext) => Promise<HttpResponse>;

export interface ExchangeDeps {
  transport: Transport;
  logger: Logger;
  usage: ApiUsageTracker;
  clock: Clock;
}

interface Outcome {
  durationMs: number;
  bytes: number;
  status?: number;
  error?: SalesforceError;
  apiUsage?: ApiUsage;
}

const MAX_LOGGED_PATH = 300;

/**
 * Wraps the transport with what every call needs: timing, a structured log line (method, path without
 * secrets, status, duration, bytes, api-usage), usage tracking from `Sforce-Limit-Info`, and the
 * conversion of failures into SalesforceError.
 */
export function createExchange({ transport, logger, usage, clock }: ExchangeDeps): Exchange {
  const warned = new Set<string>();

  function report(request: ExchangeRequest, path: string, outcome: Outcome): void {
    const { durationMs, bytes, status, error, apiUsage } = outcome;
    const fields = {
      method: request.method,
      path,
      route: request.route,
      status,
      durationMs,
      bytes,
      ...(apiUsage === undefined ? {} : { apiUsage: `${apiUsage.used}/${apiUsage.max}` }),
      ...(error === undefined ? {} : { code: error.code, errorCode: error.errorCode, retryable: error.retryable }),
    };
    if (error === undefined) logger.info(fields, 'salesforce call');
    else logger.warn({ ...fields, message: error.message }, 'salesforce call failed');
    usage.recordCall({
      method: request.method,
      route: request.route,
      durationMs,
      bytes,
      ...(status === undefined ? {} : { status }),
      ...(error === undefined ? {} : { code: error.code }),
    });
  }

  return async (request, context = {}) => {
    const started = clock.now();
    const path = loggablePath(request.url);
    const errorContext = { method: request.method, path, now: started, ...(context.authFlow ? { authFlow: context.authFlow } : {}) };
    let response: HttpResponse;
    try {
      response = await transport.send(request);
    } catch (cause) {
      const error = toSalesforceError({ cause }, errorContext);
      report(request, path, { durationMs: clock.now() - started, bytes: 0, error });
      throw error;
    }
    const apiUsage = parseLimitInfo(headerValue(response.headers['sforce-limit-info']));
    if (apiUsage !== undefined) usage.record(context.org ?? request.url.origin, apiUsage);
    // A deprecated API version answers with `Warning: 299 - "..."` (reference §2.1); say so once.
    const warning = headerValue(response.headers.warning);
    if (warning !== undefined && !warned.has(warning)) {
      warned.add(warning);
      logger.warn({ path, warning }, 'Salesforce sent a Warning header');
    }
    const ok = response.status >= 200 && response.status < 300;
    const error = ok ? undefined : toSalesforceError({ response }, errorContext);
    report(request, path, {
      durationMs: clock.now() - started,
      bytes: response.bytes,
      status: response.status,
      ...(error === undefined ? {} : { error }),
      ...(apiUsage === undefined ? {} : { apiUsage }),
    });
    if (error !== undefined) throw error;
    return response;
  };
}

function loggablePath(url: URL): string {
  const path = redactText(`${url.pathname}${url.search}`);
  return path.length > MAX_LOGGED_PATH ? `${path.slice(0, MAX_LOGGED_PATH)}…` : path;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
