import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../../config/load-config.js';
import { ApiUsageTracker, connectionConfigSchema } from '../../../salesforce/index.js';
import { startPostgres, type RunningPostgres } from '../../../scripts/postgres.js';
import { buildActivityDeps } from '../../../worker/build-activity-deps.js';
import { collectUncaught } from '../../support/uncaught.js';

const prod = connectionConfigSchema.parse({
  name: 'prod',
  loginUrl: 'https://login.salesforce.com',
  apiVersion: 'v62.0',
  auth: { flow: 'jwt', clientId: 'abc', username: 'u@example.com', privateKey: { env: 'UNUSED_KEY' } },
});

function workerConfig(databaseUrl: string): ResolvedConfig {
  return {
    file: undefined,
    connections: new Map([['prod', prod]]),
    syncs: {},
    temporal: { address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'sfsync' },
    destination: { databaseUrl, databaseUrlEnv: 'DATABASE_URL', schema: 'down', schemas: new Map([['prod', 'down_prod']]), pgliteDir: '.data/pglite' },
    alerts: { webhookUrl: undefined },
    metrics: { port: undefined, host: '127.0.0.1' },
  };
}

describe("a worker's background use of the store while PostgreSQL is down", () => {
  // A cluster of its own: this test stops it for good.
  let postgres: RunningPostgres | undefined;
  const lines: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
  const uncaught = collectUncaught();
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(async () => postgres?.stop());

  it('scrapes metrics and shuts down, logging what it could not write in short lines, never throwing', async () => {
    const { deps, metrics, close } = await buildActivityDeps(workerConfig(postgres!.url), logger);
    const usage = new ApiUsageTracker();
    deps.ledger?.attach('prod', usage);
    metrics.attach('prod', usage);
    usage.recordCall({ method: 'GET', route: '/query', status: 200, durationMs: 1, bytes: 1 });
    await postgres!.stop();
    postgres = undefined;

    const scrape = await metrics.registry.metrics();
    expect(scrape).toContain('sfsync_salesforce_api_calls_total{connection="prod",route="/query",status="200"} 1');
    expect(scrape).not.toContain('sfsync_sync_lag_seconds{');
    await expect(close()).resolves.toBeUndefined();

    const warnings = lines.map((line) => JSON.parse(line) as { msg: string; err?: { code?: string; type?: string }; pending?: number });
    expect(warnings.map((warning) => warning.msg)).toEqual(expect.arrayContaining([
      'metrics: reading the sync states failed',
      'API call ledger: the last counts could not be written',
    ]));
    expect(warnings.find((warning) => warning.msg.startsWith('API call ledger'))).toMatchObject({ pending: 1, err: { code: 'DATABASE_UNAVAILABLE' } });
    for (const line of lines) {
      expect(line).not.toContain('connectionParameters');
      expect(line.length).toBeLessThan(1_500);
    }
    expect(uncaught).toEqual([]);
  });
});
