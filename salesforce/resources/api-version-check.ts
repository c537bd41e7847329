import { z } from 'zod';
import { toSalesforceError } from '../errors/to-salesforce-error.js';
import { apiUrl, VERSIONS_PATH } from '../http/api-urls.js';
import type { Exchange } from '../http/exchange.js';
import { readJson } from '../http/read-json.js';
import type { TransportRetryPolicy } from '../http/transport-retry.js';
import { withTransportRetry } from '../http/transport-retry.js';
import type { Clock } from '../time/clock.js';
import type { Logger } from 'pino';

/** `GET /services/data/`: ascending list of `{label, url, version: "62.0"}` (docs/salesforce-api.md §2.1). */
const versionsSchema = z.array(z.looseObject({ version: z.string(), url: z.string(), label: z.string().optional() }));

export interface VersionCheckDeps {
  exchange: Exchange;
  retry: TransportRetryPolicy;
  clock: Clock;
  logger: Logger;
}

/** Fails with API_VERSION_UNSUPPORTED unless the org still offers the pinned version. */
export async function checkApiVersion(origin: string, apiVersion: string, deps: VersionCheckDeps): Promise<void> {
  const response = await withTransportRetry(
    () =>
      deps.exchange({
        method: 'GET',
        url: apiUrl(origin, apiVersion, VERSIONS_PATH),
        route: VERSIONS_PATH,
        headers: { accept: 'application/json' },
      }),
    { idempotent: true, policy: deps.retry, clock: deps.clock, logger: deps.logger },
  );
  const versions = readJson(response.body, versionsSchema, 'API versions');
  if (versions.some((entry) => `v${entry.version}` === apiVersion)) return;
  const offered = versions.length === 0 ? 'none' : `v${versions[0]?.version} to v${versions.at(-1)?.version}`;
  throw toSalesforceError({
    code: 'API_VERSION_UNSUPPORTED',
    message: `API version ${apiVersion} is not offered by ${origin} (it offers ${offered}); update apiVersion in the connection config`,
  });
}
