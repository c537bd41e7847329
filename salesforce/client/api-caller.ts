import type { Logger } from 'pino';
import type { z } from 'zod';
import type { AccessToken } from '../auth/access-token.js';
import { isSalesforceError } from '../errors/salesforce-error.js';
import { apiPath, apiUrl } from '../http/api-urls.js';
import type { Exchange } from '../http/exchange.js';
import { readJson } from '../http/read-json.js';
import type { HttpMethod, HttpResponse } from '../http/transport.js';
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
  json<S extends z.ZodType>(call: ApiCall, schema: S, what: string): Promise<z.infer<S>>;
}

export interface TokenSource {
  current(): Promise<AccessToken>;
  /** Called after a 401 INVALID_SESSION_ID with the token that was refused. */
  refresh(stale: AccessToken): Promise<AccessToken>;
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

/**
 * The auth layer: injects the bearer token, and on 401 INVALID_SESSION_ID refreshes it once
 * (single-flight through the token cache) and repeats the request once. Transport retries sit below it.
 */
export function createApiCaller(deps: ApiCallerDeps): ApiCaller {
  const { apiVersion, exchange, tokens, clock, logger } = deps;

  function attempt(call: ApiCall, token: AccessToken): Promise<HttpResponse> {
    const origin = deps.instanceUrl ?? token.instanceUrl;
    const url = apiUrl(origin, apiVersion, call.path, call.query);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(call.json === undefined ? {} : { 'content-type': 'application/json' }),
      ...call.headers,
      authorization: `Bearer ${token.accessToken}`,
    };
    const idempotent = call.idempotent ?? (call.method === 'GET' || call.method === 'PUT' || call.method === 'DELETE');
    return withTransportRetry(
      () =>
        exchange(
          {
            method: call.method,
            url,
            route: call.route,
            headers,
            ...(call.json === undefined ? {} : { body: JSON.stringify(call.json) }),
            ...(call.signal === undefined ? {} : { signal: call.signal }),
          },
          { org: token.orgId ?? origin },
        ),
      { idempotent, policy: deps.retry, clock, logger, ...(call.signal === undefined ? {} : { signal: call.signal }) },
    );
  }

  async function send(call: ApiCall): Promise<HttpResponse> {
    await deps.beforeCall();
    const token = await tokens.current();
    try {
      return await attempt(call, token);
    } catch (error) {
      if (!isSalesforceError(error) || error.code !== 'INVALID_SESSION_ID') throw error;
      logger.info({ route: call.route }, 'session expired or invalid; refreshing the access token once');
      return attempt(call, await tokens.refresh(token));
    }
  }

  return {
    apiVersion,
    path: (...segments) => apiPath(apiVersion, ...segments),
    send,
    async json(call, schema, what) {
      const response = await send(call);
      return readJson(response.body, schema, what);
    },
  };
}
