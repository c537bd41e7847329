import { MockActivityEnvironment } from '@temporalio/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../../activities/index.js';
import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { buildActivityDeps } from '../../../worker/build-activity-deps.js';
import { actualRows, emulatorConnectionConfig, expectedRows, testWorkerConfig } from '../../support/sync-harness.js';

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
    const orgs = [
      { org: prod, connection: emulatorConnectionConfig(prod, 'prod') },
      { org: sandbox, connection: emulatorConnectionConfig(sandbox, 'sandbox') },
    ];
    const { deps, close } = await buildActivityDeps(testWorkerConfig(destination, orgs.map((entry) => entry.connection), prefix), silent);
    try {
      expect(await ids(prod)).toEqual(await ids(sandbox));

      const activities = createActivities(deps);
      for (const { connection } of orgs) await syncAccounts(activities, connection.name);

      for (const { org, connection } of orgs) {
        const store = await deps.stores.get(connection.name);
        expect(store.schema).toBe(`${prefix}_${connection.name}`);
        expect(await actualRows(store, 'Account')).toEqual(await expectedRows(org, connection, store, 'Account'));
      }
    } finally {
      await close();
    }
  });
});
