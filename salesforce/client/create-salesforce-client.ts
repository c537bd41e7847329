import pino from 'pino';
import type { Logger } from 'pino';
import type { Dispatcher } from 'undici';
import { processTokenCache } from '../auth/token-cache.js';
import type { TokenCache } from '../auth/token-cache.js';
import { createTokenEndpoint } from '../auth/token-endpoint.js';
import { createCredentialSource } from '../auth/credential-source.js';
import { createTokenSource } from '../auth/token-source.js';
import { createBulk2Api } from '../bulk2/bulk2-api.js';
import type { ConnectionConfig } from '../config/connection-config.js';
import { toSalesforceError } from '../errors/to-salesforce-error.js';
import { createExchange } from '../http/exchange.js';
import { createTransport } from '../http/transport.js';
import { LOG_REDACT_PATHS, REDACTED } from '../redact/redact.js';
import { checkApiVersion } from '../resources/api-version-check.js';
import { createCollectionsApi } from '../resources/collections.js';
import { composite } from '../resources/composite.js';
import { describeGlobal, describeSObject } from '../resources/describe.js';
import { readLimits } from '../resources/limits.js';
import { countRecords, queryPages, queryRecords } from '../resources/query.js';
import { readDeleted, readUpdated } from '../resources/replication.js';
import { createSObjectsApi } from '../resources/sobjects.js';
import type { Clock } from '../time/clock.js';
import { systemClock } from '../time/clock.js';
import { ApiUsageTracker } from '../usage/api-usage-tracker.js';
import { createApiCaller } from './api-caller.js';
import type { SalesforceClient } from './salesforce-client.js';

export interface SalesforceClientOptions {
  /** Every call is logged at info (failures at warn); the client adds redaction of credential fields. Silent by default. */
  logger?: Logger;
  clock?: Clock;
  /** Defaults to the process-wide cache: clients of the same connection holding the same credential share one token. */
  tokenCache?: TokenCache;
  /** Ratios of the daily API budget at which `usage` emits `threshold`. */
  usageThresholds?: readonly number[];
  /** An undici dispatcher to send through (a proxy agent, or a scripted one in tests); not closed by the client. */
  dispatcher?: Dispatcher;
  /** Where `{ env: ... }` secret references are looked up; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

export function createSalesforceClient(config: ConnectionConfig, options: SalesforceClientOptions = {}): SalesforceClient {
  const logger = (options.logger ?? pino({ level: 'silent' })).child(
    { component: 'salesforce', connection: config.name },
    { redact: { paths: [...LOG_REDACT_PATHS], censor: REDACTED } },
  );
  const clock = options.clock ?? systemClock;
  const usage = new ApiUsageTracker(options.usageThresholds);
  const transport = createTransport({
    timeouts: config.timeouts,
    maxConnections: config.maxConnections,
    ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
  });
  const exchange = createExchange({ transport, logger, usage, clock });
  const retry = config.transportRetry;
  const endpoint = createTokenEndpoint({ loginUrl: config.loginUrl, exchange, retry, clock, logger });
  const credentials = createCredentialSource(config.auth, {
    endpoint,
    loginUrl: config.loginUrl,
    clock,
    logger,
    ...(options.env === undefined ? {} : { env: options.env }),
  });
  const tokens = createTokenSource(config.name, credentials, options.tokenCache ?? processTokenCache);

  let closed = false;
  let connecting: Promise<void> | undefined;
  function connect(): Promise<void> {
    if (closed) return Promise.reject(toSalesforceError({ code: 'INVALID_ARGUMENT', message: `client ${config.name} is closed` }));
    connecting ??= (async () => {
      const token = await tokens.current();
      await checkApiVersion(config.instanceUrl ?? token.instanceUrl, config.apiVersion, { exchange, retry, clock, logger });
    })().catch((error: unknown) => {
      connecting = undefined; // a failed connect is tried again by the next call
      throw error;
    });
    return connecting;
  }

  const api = createApiCaller({
    apiVersion: config.apiVersion,
    exchange,
    tokens,
    instanceUrl: config.instanceUrl,
    retry,
    clock,
    logger,
    beforeCall: connect,
  });

  return {
    name: config.name,
    apiVersion: config.apiVersion,
    usage,
    connect,
    ...createSObjectsApi(api),
    describeGlobal: () => describeGlobal(api),
    describe: (object) => describeSObject(api, object),
    queryPages: (soql, queryOptions) => queryPages(api, soql, queryOptions),
    query: (soql, queryOptions) => queryRecords(api, soql, queryOptions),
    count: (soql, countOptions) => countRecords(api, soql, countOptions),
    composite: (subrequests, compositeOptions) => composite(api, subrequests, compositeOptions),
    collections: createCollectionsApi(api),
    bulk2: createBulk2Api({ api, clock, logger }),
    limits: () => readLimits(api),
    updated: (object, start, end) => readUpdated(api, object, start, end),
    deleted: (object, start, end) => readDeleted(api, object, start, end),
    async close() {
      closed = true;
      await transport.close();
    },
  };
}
