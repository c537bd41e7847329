import { AsyncResource } from 'node:async_hooks';
import { finished } from 'node:stream';
import type { Logger } from 'pino';
import type { AuthFlowName } from '../errors/auth-hints.js';
import type { SalesforceError } from '../errors/salesforce-error.js';
import { toSalesforceError } from '../errors/to-salesforce-error.js';
import { redactText } from '../redact/redact.js';
import type { Clock } from '../time/clock.js';
import { parseHttpDate } from '../time/http-date.js';
import type { ApiUsageTracker } from '../usage/api-usage-tracker.js';
import type { ApiUsage } from '../usage/limit-info.js';
import { parseLimitInfo } from '../usage/limit-info.js';
import type { HttpRequest, HttpResponse, HttpStreamResponse, Transport } from './transport.js';

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
export interface Exchange {
  (request: ExchangeRequest, context?: ExchangeContext): Promise<HttpResponse>;
  /** The same with a streamed 2xx body; the call is logged when that body ends, fails or is destroyed. */
  readonly stream: (request: ExchangeRequest, context?: ExchangeContext) => Promise<HttpStreamResponse>;
}

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
  /** The response's `Date` header, epoch ms. */
  serverDate?: number;
  /** A streamed body the reader destroyed before its end (it had what it needed). */
  abandoned?: boolean;
}

/** How `begin` sends a request and reads what it needs from either kind of response. */
interface Via<R> {
  open: () => Promise<R>;
  errorBody: (response: R) => Promise<Buffer>;
  bytes: (response: R) => number;
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
    const { durationMs, bytes, status, error, apiUsage, serverDate, abandoned } = outcome;
    const fields = {
      method: request.method,
      path,
      route: request.route,
      status,
      durationMs,
      bytes,
      ...(apiUsage === undefined ? {} : { apiUsage: `${apiUsage.used}/${apiUsage.max}` }),
      ...(abandoned === true ? { abandoned } : {}),
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
      ...(serverDate === undefined ? {} : { serverDate }),
    });
  }

  /** Starts one observed call: sends it, records the usage header, and rejects a non-2xx with a SalesforceError. */
  async function begin<R extends HttpResponse | HttpStreamResponse>(request: ExchangeRequest, context: ExchangeContext, via: Via<R>) {
    const started = clock.now();
    const path = loggablePath(request.url);
    const errorContext = { method: request.method, path, now: started, ...(context.authFlow ? { authFlow: context.authFlow } : {}) };
    let response: R;
    try {
      response = await via.open();
    } catch (cause) {
      const error = toSalesforceError({ cause }, errorContext);
      report(request, path, { durationMs: clock.now() - started, bytes: 0, error });
      throw error;
    }
    const apiUsage = parseLimitInfo(headerValue(response.headers['sforce-limit-info']));
    if (apiUsage !== undefined) usage.record(context.org ?? request.url.origin, apiUsage);
    // A deprecated API version answers with `Warning: 299 - "..."` (docs/salesforce-api.md §2.1); say so once.
    const warning = headerValue(response.headers.warning);
    if (warning !== undefined && !warned.has(warning)) {
      warned.add(warning);
      logger.warn({ path, warning }, 'Salesforce sent a Warning header');
    }
    // Salesforce's clock, for whoever must not trust the local one (the end of a sync window).
    const serverDate = parseHttpDate(headerValue(response.headers.date));
    const end = (outcome: Omit<Outcome, 'durationMs' | 'status' | 'apiUsage' | 'serverDate'>) =>
      report(request, path, {
        durationMs: clock.now() - started,
        status: response.status,
        ...(apiUsage === undefined ? {} : { apiUsage }),
        ...(serverDate === undefined ? {} : { serverDate }),
        ...outcome,
      });
    if (response.status < 200 || response.status >= 300) {
      const body = await via.errorBody(response).catch(() => Buffer.alloc(0));
      const error = toSalesforceError({ response: { ...response, body } }, errorContext);
      end({ bytes: via.bytes(response), error });
      throw error;
    }
    return { response, end, errorContext };
  }

  async function exchange(request: ExchangeRequest, context: ExchangeContext = {}): Promise<HttpResponse> {
    const { response, end } = await begin(request, context, {
      open: () => transport.send(request),
      errorBody: (failed) => Promise.resolve(failed.body),
      bytes: (sent) => sent.bytes,
    });
    end({ bytes: response.bytes });
    return response;
  }

  async function stream(request: ExchangeRequest, context: ExchangeContext = {}): Promise<HttpStreamResponse> {
    const { response, end, errorContext } = await begin(request, context, {
      open: () => transport.open(request),
      // Error bodies are small JSON arrays (or an HTML page from the edge): read them whole.
      errorBody: async (failed) => Buffer.concat((await failed.body.toArray()) as Buffer[]),
      bytes: (opened) => opened.bytes(),
    });
    // Reported in the caller's async context, as a non-streamed call is, so per-caller accounting
    // (AsyncLocalStorage) attributes it to whoever opened the stream, not to the socket's context.
    finished(response.body, AsyncResource.bind((cause: Error | null | undefined) => {
      const bytes = response.bytes();
      if (cause === undefined || cause === null) end({ bytes });
      else if (isPrematureClose(cause)) end({ bytes, abandoned: true });
      else end({ bytes, error: toSalesforceError({ cause }, errorContext) });
    }));
    return response;
  }

  return Object.assign(exchange, { stream });
}

function isPrematureClose(error: Error): boolean {
  return (error as { code?: unknown }).code === 'ERR_STREAM_PREMATURE_CLOSE';
}

function loggablePath(url: URL): string {
  const path = redactText(`${url.pathname}${url.search}`);
  return path.length > MAX_LOGGED_PATH ? `${path.slice(0, MAX_LOGGED_PATH)}…` : path;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
