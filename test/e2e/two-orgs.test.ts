import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { buildActivityDeps } from '../../worker/build-activity-deps.js';
import { createWorker } from '../../worker/create-worker.js';
import type { syncObjectWorkflow } from '../../workflows/index.js';
import { actualRows, emulatorConnectionConfig, expectedRows, testWorkerConfig } from '../support/sync-harness.js';
import { connectTestTemporal } from '../support/temporal.js';

const SEED = 'Account=400,Contact=200';

describe('a production org and its sandbox copy on one worker and one PostgreSQL database', () => {
  let prod: RunningEmulator;
  let sandbox: RunningEmulator;
  let temporal: Awaited<ReturnType<typeof connectTestTemporal>>;
  beforeAll(async () => {
    temporal = await connectTestTemporal();
    // One seed, so the sandbox holds the production ids; then its data drifts.
    [prod, sandbox] = await Promise.all([startEmulator({ seed: SEED }), startEmulator({ seed: SEED })]);
    await sandbox.admin.mutate({ object: 'Account', update: 150, delete: 10 });
    await sandbox.admin.mutate({ object: 'Contact', update: 80 });
  });
  afterAll(async () => {
    await prod?.close();
    await sandbox?.close();
    await temporal?.close();
  });

  it('syncs both at once, each into its own schema, equal to its own org record by record', async () => {
    const prefix = `orgs_${Date.now().toString(36)}`;
    const orgs = [
      { org: prod, connection: emulatorConnectionConfig(prod, 'prod') },
      { org: sandbox, connection: emulatorConnectionConfig(sandbox, 'sandbox') },
    ];
    const config = testWorkerConfig('postgres', orgs.map((entry) => entry.connection), prefix);
    const { deps, close } = await buildActivityDeps(config, pino({ enabled: false }));
    const worker = await createWorker({
      connection: temporal.nativeConnection,
      namespace: temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      activities: createActivities(deps),
      workflowBundle: temporal.workflowBundle,
    });
    const running = worker.run();
    try {
      const objects = ['Account', 'Contact'];
      await Promise.all(orgs.flatMap(({ connection }) => objects.map((object) =>
        temporal.client.workflow.execute<typeof syncObjectWorkflow>('syncObjectWorkflow', {
          taskQueue: config.temporal.taskQueue,
          workflowId: `${prefix}-${connection.name}-${object}`,
          args: [{ connection: connection.name, object, tuning: { consistencyLagSeconds: 0 } }],
        }))));

      for (const { org, connection } of orgs) {
        const store = await deps.stores.get(connection.name);
        expect(store.schema).toBe(`${prefix}_${connection.name}`);
        for (const object of objects) {
          expect(await actualRows(store, object), `${connection.name} ${object}`).toEqual(await expectedRows(org, connection, store, object));
        }
        expect((await store.listSyncStates()).map((state) => state.connection)).toEqual([connection.name, connection.name]);
      }
    } finally {
      worker.shutdown();
      await running;
      await close();
    }
  });
});
