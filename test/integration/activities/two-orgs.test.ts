import { MockActivityEnvironment } from '@temporalio/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../../activities/index.js';
import { defaultConnectionSchema } from '../../../config/connection-schemas.js';
import type { ResolvedConfig } from '../../../config/load-config.js';
import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { buildActivityDeps } from '../../../worker/build-activity-deps.js';
import { actualRows, emulatorConnectionConfig, expectedRows } from '../../support/sync-harness.js';

const silent = pino({ enabled: false });
const SEED = 'Account=300';

async function ids(org: RunningEmulator): Promise<string[]> {
  const found: string[] = [];
  for await (const record of org.admin.records('Account')) found.push(String(record.Id));
  return found;
}

async function syncAccounts(activities: ReturnType<typeof createActivities>, connection: string): Promise<void> {
  const env = new MockActivityEnvironment();
  const inActivity = <R>(work: () => Promise<R>): Promise<R> => env.run<[], R, () => Promise<R>>(work);
  const plan = await inActivity(() => activities.planSync({
    connection, object: 'Account', mode: 'incremental', consistencyLagSeconds: 0, bulkThreshold: 1_000_000,
  }));
  const window = { start: plan.windowStart, end: plan.windowEnd, endExclusive: plan.windowEndExclusive };
  for (;;) {
    const batch = await inActivity(() => activities.syncPages({
      connection, object: 'Account', fields: plan.fields, cursor: plan.cursor, window, deleteMode: 'soft', maxPages: 100, maxSeconds: 60, batchSize: 200,
    }));
    if (batch.done) return;
  }
}

describe.each(['pglite', 'postgres'] as const)('a production org and its sandbox copy synced by one worker into one database (%s)', (destination) => {
  let prod: RunningEmulator;
  let sandbox: RunningEmulator;
  beforeAll(async () => {
    // One seed, so the sandbox holds the production ids, as a sandbox copy does; then its data drifts.
    [prod, sandbox] = await Promise.all([startEmulator({ seed: SEED }), startEmulator({ seed: SEED })]);
    const drifted: Record<string, unknown>[] = [];
    for await (const record of sandbox.admin.records('Account')) drifted.push({ Id: record.Id, Name: `UAT ${String(record.Name)}`, Phone: '555-0100' });
    await sandbox.admin.updateRecords('Account', drifted);
  });
  afterAll(async () => {
    await prod.close();
    await sandbox.close();
  });

  it('keeps each org in a schema of its own, record by record', async () => {
    const prefix = `two_${Math.random().toString(36).slice(2, 10)}`;
    const connections = [emulatorConnectionConfig(prod, 'prod'), emulatorConnectionConfig(sandbox, 'sandbox')];
    const config: ResolvedConfig = {
      file: undefined,
      connections: new Map(connections.map((connection) => [connection.name, connection])),
      syncs: {},
      temporal: { address: 'unused:7233', namespace: 'default', taskQueue: 'unused' },
      alerts: { webhookUrl: undefined },
      metrics: { port: undefined, host: '127.0.0.1' },
      destination: {
        databaseUrl: destination === 'postgres' ? inject('databaseUrl') : undefined,
        schema: prefix,
        schemas: new Map(connections.map((connection) => [connection.name, defaultConnectionSchema(prefix, connection.name)])),
        pgliteDir: 'memory://',
      },
    };
    const { deps, close } = await buildActivityDeps(config, silent);
    try {
      expect(await ids(prod)).toEqual(await ids(sandbox));

      const activities = createActivities(deps);
      await syncAccounts(activities, 'prod');
      await syncAccounts(activities, 'sandbox');

      for (const [org, connection] of [[prod, connections[0]], [sandbox, connections[1]]] as const) {
        const store = await deps.stores.get(connection!.name);
        expect(store.schema).toBe(`${prefix}_${connection!.name}`);
        expect(await actualRows(store, 'Account')).toEqual(await expectedRows(org, connection!, store, 'Account'));
      }
    } finally {
      await close();
    }
  });
});
