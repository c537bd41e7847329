import type { Logger } from 'pino';
import type { z } from 'zod';
import type { AccessToken } from '../auth/access-token.js';
import type { TokenSource } from '../auth/token-source.js';
import { isSalesforceError } from '../errors/salesforce-error.js';
import { apiPath, apiUrl } from '../http/api-urls.js';
import type { Exchange, ExchangeContext, ExchangeRequest } from '../http/exchange.js';
import { readJson } from '../http/read-json.js';
import type { HttpMethod, HttpResponse, HttpStreamResponse } from '../http/transport.js';
import type { TransportRetryPolicy } from '../http/transport-retry.js';
import { withTransportRetry } from '../http/transport-retry.js';
import type { Clock } from '../time/clock.js';

export interface ApiCall {
  method: HttpMethod;
  /** A versioned path from `api.path(...)`, or one Salesforce handed us (nextRecordsUrl). */
  path: string;
  /** Route template for logs and metrics. */
  route: string;
  query?: Readonly<Record<string, string>>;
  /** Request body, sent as JSON. */
  json?: unknown;
  /** A raw request body (a Bulk API 2.0 CSV upload); name its content-type in `headers`. */
  body?: string | Buffer;
  headers?: Readonly<Record<string, string>>;
  /** Safe to send twice? Defaults to true for GET, PUT and DELETE. */
  idempotent?: boolean;
  signal?: AbortSignal;
}

/** What resource modules use to talk to Salesforce: authenticated, versioned, retried, observed. */
export interface ApiCaller {
  readonly apiVersion: string;
  path(...segments: readonly string[]): string;
  send(call: ApiCall): Promise<HttpResponse>;
  /** Like `send`, but a 2xx body arrives as a stream (Bulk API 2.0 CSV results); read it to the end or destroy it. */
  stream(call: ApiCall): Promise<HttpStreamResponse>;
  json<S extends z.ZodType>(call: ApiCall, schema: S, what: string): Promise<z.infer<S>>;
}

export interface ApiCallerDeps {
  apiVersion: string;
  exchange: Exchange;
  tokens: TokenSource;
  /** Config override of the token's instance_url. */
  instanceUrl: string | undefined;
  retry: TransportRetryPolicy;
  clock: Clock;
  logger: Logger;
  /** Runs before every call: the one-time connect (version check). */
  beforeCall: () => Promise<void>;
}

/** The exchange for buffered bodies, or its streaming form. */
type ExchangeVia<R> = (request: ExchangeRequest, context: ExchangeContext) => Promise<R>;

/**
 * The auth layer: injects the bearer token, and on 401 INVALID_SESSION_ID refreshes it once
 * (single-flight through the token cache) and repeats the request once. Transport retries sit below it.
 */
export function createApiCaller(deps: ApiCallerDeps): ApiCaller {
  const { apiVersion, exchange, tokens, clock, logger } = deps;

  function attempt<R>(call: ApiCall, token: AccessToken, via: ExchangeVia<R>): Promise<R> {
    const origin = deps.instanceUrl ?? token.instanceUrl;
    const url = apiUrl(origin, apiVersion, call.path, call.query);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(call.json === undefined ? {} : { 'content-type': 'application/json' }),
      ...call.headers,
      authorization: `Bearer ${token.accessToken}`,
    };
    const idempotent = call.idempotent ?? (call.method === 'GET' || call.method === 'PUT' || call.method === 'DELETE');
    const body = call.json === undefined ? call.body : JSON.stringify(call.json);
    return withTransportRetry(
      () =>
        via(
          {
            method: call.method,
            url,
            route: call.route,
            headers,
            ...(body === undefined ? {} : { body }),
            ...(call.signal === undefined ? {} : { signal: call.signal }),
          },
          { org: token.orgId ?? origin },
        ),
      { idempotent, policy: deps.retry, clock, logger, ...(call.signal === undefined ? {} : { signal: call.signal }) },
    );
  }

  async function authenticated<R>(call: ApiCall, via: ExchangeVia<R>): Promise<R> {
    await deps.beforeCall();
    const token = await tokens.current();
    try {
      return await attempt(call, token, via);
    } catch (error) {
      if (!isSalesforceError(error) || error.code !== 'INVALID_SESSION_ID') throw error;
      logger.info({ route: call.route }, 'session expired or invalid; refreshing the access token once');
      return attempt(call, await tokens.refresh(token), via);
    }
  }

  const send = (call: ApiCall) => authenticated(call, exchange);

  return {
    apiVersion,
    path: (...segments) => apiPath(apiVersion, ...segments),
    send,
    stream: (call) => authenticated(call, exchange.stream),
    async json(call, schema, what) {
      const response = await send(call);
      return readJson(response.body, schema, what);
    },
  };
}
