import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiUsageTracker } from '../../../salesforce/index.js';
import { bookkeepingByConnection, createConnectionStores } from '../../../store/index.js';
import { createWorkerMetrics, startMetricsServer, type MetricsServer } from '../../../worker/metrics/index.js';
import { useStores } from '../store/harness.js';
import { sampleValue } from '../../unit/metrics/prometheus-text.js';

const NOW = Date.parse('2025-03-01T12:00:00.000Z');
const CORE_TEXT = '# HELP temporal_worker_task_slots_available Task slots\n# TYPE temporal_worker_task_slots_available gauge\n' +
  'temporal_worker_task_slots_available{worker_type="ActivityWorker"} 100\n';

/** Stands in for Temporal Core's Prometheus exporter. */
async function startCoreExporter(): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(CORE_TEXT));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`, server };
}

describe('metrics server', () => {
  const stores = useStores('pglite');
  const open: Array<{ close(): unknown }> = [];
  afterEach(async () => {
    for (const item of open.splice(0)) await item.close();
  });
  const serve = async (options: Parameters<typeof startMetricsServer>[0]): Promise<MetricsServer> => {
    const server = await startMetricsServer(options);
    open.push(server);
    return server;
  };

  it('serves every sfsync series from one scrape, computed from the store at scrape time', async () => {
    const store = await stores.newStore();
    await store.ensureTable('Account', [
      { name: 'Id', type: 'id' }, { name: 'SystemModstamp', type: 'datetime' }, { name: 'IsDeleted', type: 'boolean' },
    ]);
    await store.commitPage({
      connection: 'prod', object: 'Account', deleteMode: 'soft',
      records: [{ Id: '001000000000001AAA', SystemModstamp: '2025-03-01T11:55:00.000Z', IsDeleted: false }],
      checkpoint: { watermark: { systemModstamp: '2025-03-01T11:55:00.000Z', id: '001000000000001AAA' }, windowEnd: '2025-03-01T11:59:00.000Z' },
    });
    await store.recordLimitsSnapshot({ connection: 'prod', takenAt: '2025-03-01T11:58:00.000Z', limits: { DailyApiRequests: { max: 15_000, remaining: 3_750 } } });

    const metrics = createWorkerMetrics({ store, now: () => NOW });
    const usage = new ApiUsageTracker();
    metrics.attach('prod', usage);
    usage.recordCall({ method: 'GET', route: '/query', status: 200, durationMs: 4, bytes: 512 });
    metrics.recordCommit({ connection: 'prod', object: 'Account', upserted: 1, deleted: 0 });
    metrics.setPausedSyncs('prod', 1);
    metrics.countBudgetAlert('prod', 0.75);
    const server = await serve({ host: '127.0.0.1', port: 0, registry: metrics.registry });

    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    expect(sampleValue(text, 'sfsync_salesforce_api_calls_total', { connection: 'prod', route: '/query', status: '200' })).toBe(1);
    expect(sampleValue(text, 'sfsync_api_usage_ratio', { connection: 'prod' })).toBe(0.75);
    expect(sampleValue(text, 'sfsync_api_usage_used', { connection: 'prod' })).toBe(11_250);
    expect(sampleValue(text, 'sfsync_api_usage_max', { connection: 'prod' })).toBe(15_000);
    expect(sampleValue(text, 'sfsync_records_upserted_total', { connection: 'prod', object: 'Account' })).toBe(1);
    expect(sampleValue(text, 'sfsync_records_deleted_total', { connection: 'prod', object: 'Account' })).toBe(0);
    expect(sampleValue(text, 'sfsync_sync_lag_seconds', { connection: 'prod', object: 'Account' })).toBe(300);
    expect(sampleValue(text, 'sfsync_paused_syncs', { connection: 'prod' })).toBe(1);
    expect(sampleValue(text, 'sfsync_budget_alerts_total', { connection: 'prod', threshold: '0.75' })).toBe(1);
    expect(sampleValue(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('reports the lag and usage of every connection, each read from its own schema', async () => {
    const prefix = `m${Date.now().toString(36)}`;
    const connectionStores = createConnectionStores({ ...stores.driver(), close: async () => {} }, {
      schemas: new Map([['prod', `${prefix}_prod`], ['sandbox', `${prefix}_sandbox`]]), legacySchema: prefix,
    });
    for (const [connection, minutesAgo] of [['prod', 5], ['sandbox', 20]] as const) {
      const store = await connectionStores.get(connection);
      const stamp = new Date(NOW - minutesAgo * 60_000).toISOString();
      await store.ensureTable('Account', [{ name: 'Id', type: 'id' }, { name: 'SystemModstamp', type: 'datetime' }, { name: 'IsDeleted', type: 'boolean' }]);
      await store.commitPage({
        connection, object: 'Account', deleteMode: 'soft', records: [{ Id: '001000000000001AAA', SystemModstamp: stamp, IsDeleted: false }],
        checkpoint: { watermark: { systemModstamp: stamp, id: '001000000000001AAA' } },
      });
      await store.recordLimitsSnapshot({ connection, takenAt: stamp, limits: { DailyApiRequests: { max: 1_000, remaining: 1_000 - minutesAgo } } });
    }
    const metrics = createWorkerMetrics({ store: bookkeepingByConnection(connectionStores), now: () => NOW, processMetrics: false });
    for (const connection of ['prod', 'sandbox']) metrics.attach(connection, new ApiUsageTracker());
    const text = await (await fetch((await serve({ host: '127.0.0.1', port: 0, registry: metrics.registry })).url)).text();

    expect(sampleValue(text, 'sfsync_sync_lag_seconds', { connection: 'prod', object: 'Account' })).toBe(300);
    expect(sampleValue(text, 'sfsync_sync_lag_seconds', { connection: 'sandbox', object: 'Account' })).toBe(1_200);
    expect(sampleValue(text, 'sfsync_api_usage_used', { connection: 'prod' })).toBe(5);
    expect(sampleValue(text, 'sfsync_api_usage_used', { connection: 'sandbox' })).toBe(20);
  });

  it("appends Temporal Core's metrics to the same scrape", async () => {
    const core = await startCoreExporter();
    open.push({ close: () => new Promise((resolve) => core.server.close(resolve)) });
    const metrics = createWorkerMetrics({ store: await stores.newStore(), now: () => NOW, processMetrics: false });
    metrics.setPausedSyncs('prod', 0);
    const server = await serve({ host: '127.0.0.1', port: 0, registry: metrics.registry, coreMetricsUrl: core.url });
    for (let scrape = 0; scrape < 2; scrape++) {
      const text = await (await fetch(server.url)).text();
      expect(sampleValue(text, 'sfsync_paused_syncs', { connection: 'prod' })).toBe(0);
      expect(sampleValue(text, 'temporal_worker_task_slots_available', { worker_type: 'ActivityWorker' })).toBe(100);
      expect(text.endsWith(CORE_TEXT)).toBe(true);
    }
  });

  it('serves sfsync metrics alone when the Core endpoint is down', async () => {
    const core = await startCoreExporter();
    await new Promise((resolve) => core.server.close(resolve));
    const metrics = createWorkerMetrics({ store: await stores.newStore(), now: () => NOW, processMetrics: false });
    metrics.setPausedSyncs('prod', 4);
    const server = await serve({ host: '127.0.0.1', port: 0, registry: metrics.registry, coreMetricsUrl: core.url });
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(sampleValue(text, 'sfsync_paused_syncs', { connection: 'prod' })).toBe(4);
    expect(text).not.toContain('temporal_');
  });

  it('answers 404 off /metrics and 405 to anything but GET', async () => {
    const metrics = createWorkerMetrics({ store: await stores.newStore(), processMetrics: false });
    const server = await serve({ host: '127.0.0.1', port: 0, registry: metrics.registry });
    expect((await fetch(new URL('/', server.url))).status).toBe(404);
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
  });

  it('refuses to start on a port already taken', async () => {
    const metrics = createWorkerMetrics({ store: await stores.newStore(), processMetrics: false });
    const first = await serve({ host: '127.0.0.1', port: 0, registry: metrics.registry });
    await expect(startMetricsServer({ host: '127.0.0.1', port: Number(new URL(first.url).port), registry: metrics.registry }))
      .rejects.toThrow(/EADDRINUSE/);
  });
});
