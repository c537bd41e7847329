import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SyncProgress } from '../../common/sync-progress.js';
import { startEmulator } from '../../emulator/index.js';
import { freePort } from '../../scripts/lib/free-port.js';
import { openStore, type Store } from '../../store/index.js';
import type { monitorLimitsWorkflow, syncObjectWorkflow } from '../../workflows/index.js';
import { emulatorConnectionConfig } from '../support/sync-harness.js';
import { connectTestTemporal, uniqueTaskQueue } from '../support/temporal.js';
import { spawnWorker, type WorkerProcess } from '../support/worker-process.js';
import { workerProcessEnv } from '../support/worker-env.js';

const SHARE = 12;

describe('the API budget across worker processes', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let temporal: Awaited<ReturnType<typeof connectTestTemporal>>;
  let store: Store;
  let receiver: Server;
  const alerts: Array<Record<string, unknown>> = [];
  const workers: WorkerProcess[] = [];
  const schema = `budget_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
  const taskQueue = uniqueTaskQueue('budget');
  let metricsPorts: number[];

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 'Account=3000,Contact=3000', limits: { dailyApiRequests: 1000 } });
    temporal = await connectTestTemporal();
    store = await openStore({ databaseUrl: inject('databaseUrl'), schema });
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        alerts.push(JSON.parse(body) as Record<string, unknown>);
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as { port: number };
    metricsPorts = [await freePort(), await freePort()];
    const env = workerProcessEnv({
      connection: emulatorConnectionConfig(emulator, 'budget'),
      taskQueue,
      schema,
      sections: {
        syncs: { budget: { budget: { callerShare: SHARE, recheckMinutes: 60 } } },
        alerts: { webhookUrl: `http://127.0.0.1:${port}/hooks/sfsync` },
      },
    });
    const built = inject('builtWorkerPath');
    workers.push(...metricsPorts.map((port) => spawnWorker({ ...env, SFSYNC_METRICS_PORT: String(port) }, { built })));
  });
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await new Promise((resolve) => receiver?.close(resolve));
    await store?.close();
    await emulator?.close();
    await temporal?.close();
  });

  it('holds sfsync to its per-caller share across two worker processes, and pauses both syncs', async () => {
    const start = (object: string) => temporal.client.workflow.start<typeof syncObjectWorkflow>('syncObjectWorkflow', {
      taskQueue,
      workflowId: `budget-${object}-${taskQueue}`,
      args: [{ connection: 'budget', object, tuning: { batchSize: 200, maxPagesPerActivity: 2, consistencyLagSeconds: 0 } }],
    });
    const handles = [await start('Account'), await start('Contact')];
    for (const handle of handles) {
      await expect.poll(async () => (await handle.query<SyncProgress>('progress').catch(() => undefined))?.pause?.reason, { timeout: 90_000, interval: 300 })
        .toBe('CALLER_SHARE');
    }
    const spent = await store.apiCallsInWindow({ connection: 'budget', caller: 'sfsync', since: new Date(Date.now() - 3_600_000) });
    // Each activity checks the share before it starts; two activities of at most 2 pages may be in flight.
    expect(spent).toBeGreaterThanOrEqual(SHARE);
    expect(spent).toBeLessThanOrEqual(SHARE + 2 * 3);

    // Each worker counts what it did; which worker ran which activity is up to the task queue, so scrape both.
    const scrapes = await Promise.all(metricsPorts.map(async (port) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text()));
    const total = (name: string) => scrapes.reduce((sum, text) =>
      sum + [...text.matchAll(new RegExp(`^${name}\\{[^}]*connection="budget"[^}]*\\} (\\d+)$`, 'gm'))].reduce((acc, match) => acc + Number(match[1]), 0), 0);
    expect(total('sfsync_salesforce_api_calls_total')).toBeGreaterThan(0);
    expect(total('sfsync_records_upserted_total')).toBeGreaterThan(0);
    expect(scrapes.some((metrics) => /sfsync_sync_lag_seconds\{[^}]*connection="budget"/.test(metrics))).toBe(true);
    expect(scrapes.some((metrics) => /sfsync_api_usage_ratio\{[^}]*connection="budget"[^}]*\} 0\.\d+/.test(metrics))).toBe(true);

    for (const handle of handles) await handle.signal('overrideBudget', { by: 'test' });
    for (const handle of handles) expect((await handle.result()).upserted).toBe(3000);
  });

  it('sends the webhook one alert at 70 % and one at 75 % from the limits monitor', async () => {
    await emulator.admin.resetApiUsage();
    const monitor = () => temporal.client.workflow.execute<typeof monitorLimitsWorkflow>('monitorLimitsWorkflow', {
      taskQueue, workflowId: `monitor-${randomUUID()}`, args: [{ connection: 'budget' }],
    });
    await monitor();
    await emulator.admin.spendApiCalls(710 - (await emulator.admin.apiUsage()).used);
    await monitor();
    await emulator.admin.spendApiCalls(760 - (await emulator.admin.apiUsage()).used);
    await monitor();
    await monitor();
    const thresholds = alerts.filter((alert) => alert.connection === 'budget').map((alert) => alert.threshold);
    expect(thresholds).toEqual([0.7, 0.75]);
  });
});
