// `npm start`: the main job on embedded defaults (or on your config), in one command.
// Temporal dev server (unless TEMPORAL_ADDRESS is set) + the local emulator org (unless a config file names a
// real org) + the destination (PGlite unless DATABASE_URL is set) + a worker, then an org-wide sync with live
// progress, a summary table and the Web UI link. Run it again and it syncs only what changed.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { NativeConnection } from '@temporalio/worker';
import { pino } from 'pino';
import { createActivities } from '../activities/index.js';
import { connectClient } from '../client/connect-client.js';
import { orgSummaryTable } from '../client/render/summary-table.js';
import { orgObjects, watchProgress } from '../client/watch-progress.js';
import { SfConnection, SfObject } from '../common/search-attributes.js';
import { orgSyncWorkflowId } from '../common/workflow-ids.js';
import { loadConfig } from '../config/load-config.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { buildActivityDeps } from '../worker/build-activity-deps.js';
import { createWorker } from '../worker/create-worker.js';
import { StartupError } from '../worker/startup-error.js';
import { installRuntime } from '../worker/runtime.js';
import type { syncOrgWorkflow } from '../workflows/index.js';
import { startDevServer } from './lib/dev-server.js';
import { ensureTemporalCli } from './lib/temporal-cli.js';

const EMULATOR_LAG_SECONDS = 2;
const dataDir = resolve(process.env.SFSYNC_DATA_DIR ?? '.data');
mkdirSync(dataDir, { recursive: true });
const env: NodeJS.ProcessEnv = { SFSYNC_PGLITE_DIR: resolve(dataDir, 'pglite'), ...process.env };
const cleanups: Array<() => Promise<void>> = [];
const cleanup = async () => {
  for (const step of cleanups.reverse()) await step().catch((error: unknown) => console.error(error));
};
// Ctrl-C: stop following, let the worker finish its current page, shut everything down. The sync itself is
// durable in Temporal; the next `npm start` attaches to it and carries on from the last committed page.
let interrupted = false;
const interruption = new Promise<never>((_, reject) => {
  process.once('SIGINT', () => {
    interrupted = true;
    console.error('\nstopping: in-flight pages commit, everything shuts down; the next run resumes from there');
    reject(new Error('interrupted'));
  });
});
interruption.catch(() => undefined);

try {
  installRuntime();
  // Embedded org: the emulator, persisted in .data/emulator, seeded with the demo org on first use.
  const usesConfigFile = (await loadConfig(env)).file !== undefined;
  let emulator: RunningEmulator | undefined;
  if (!usesConfigFile) {
    const emulatorDir = resolve(dataDir, 'emulator');
    emulator = await startEmulator({ port: 0, seed: 'demo', stateDir: emulatorDir });
    const running = emulator;
    cleanups.push(() => running.close());
    env.SFSYNC_EMULATOR_CREDENTIALS = resolve(emulatorDir, 'credentials.json');
    console.log(`embedded org: the emulator at ${emulator.url} (state in ${emulatorDir})`);
  }
  const config = await loadConfig(env);

  let uiBase = process.env.TEMPORAL_UI_URL;
  if (!process.env.TEMPORAL_ADDRESS) {
    const server = await startDevServer({ cli: ensureTemporalCli(), dbFile: resolve(dataDir, 'temporal.sqlite'), port: 7233, uiPort: 8233 });
    cleanups.push(() => server.stop());
    config.temporal.address = server.address;
    uiBase = server.uiUrl;
  }

  const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' });
  const { deps, close } = await buildActivityDeps(config, logger);
  cleanups.push(close);

  const nativeConnection = await NativeConnection.connect({ address: config.temporal.address });
  cleanups.push(() => nativeConnection.close());
  const { namespace, taskQueue } = config.temporal;
  const worker = await createWorker({ connection: nativeConnection, namespace, taskQueue, activities: createActivities(deps) });
  const workerRun = worker.run();
  cleanups.push(async () => {
    // The SDK's own SIGINT handler may already be shutting the worker down.
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await workerRun;
  });
  const { client, close: closeClient } = await connectClient(config);
  cleanups.push(closeClient);

  if (config.connections.size === 0) throw new Error('no Salesforce connection configured: see sfsync.config.example.yaml');
  for (const connection of config.connections.keys()) {
    const previous = (await (await deps.stores.get(connection)).listSyncStates(connection)).length > 0;
    console.log(`\n${previous ? 'incremental sync: reading only what changed since the last run' : 'first run: copying the whole org'} (${connection})`);
    const handle = await client.workflow.start<typeof syncOrgWorkflow>('syncOrgWorkflow', {
      taskQueue,
      workflowId: orgSyncWorkflowId(connection),
      workflowIdConflictPolicy: 'USE_EXISTING',
      args: [{
        connection,
        ...(config.syncs[connection] ? { concurrency: config.syncs[connection].concurrency } : {}),
        // The emulator commits synchronously, so it needs only a short consistency lag; real orgs keep the default.
        ...(emulator ? { tuning: { consistencyLagSeconds: EMULATOR_LAG_SECONDS } } : {}),
      }],
      typedSearchAttributes: [{ key: SfConnection, value: connection }, { key: SfObject, value: '*' }],
      staticSummary: `npm start: org-wide sync of ${connection}`,
    });
    const summary = await watchProgress(client, Promise.race([handle.result(), interruption]), orgObjects(handle));
    console.log(`\n${orgSummaryTable(summary)}`);
    if (uiBase) console.log(`Web UI: ${uiBase}/namespaces/${namespace}/workflows/${handle.workflowId}/${handle.firstExecutionRunId}/history`);
    if (summary.failed > 0) process.exitCode = 1;
    if (interrupted) break;
    if (emulator) console.log(`\nmeanwhile the demo org keeps changing (${await simulateOrgActivity(emulator)}): run npm start again to sync just that`);
  }
} catch (error) {
  if (error instanceof StartupError) {
    console.error(error.message);
    await cleanup();
    // Temporal's runtime, installed above, would keep the process waiting.
    process.exit(1);
  }
  if (!interrupted) throw error;
} finally {
  await cleanup();
}

/** A little org activity after each run, so the next `npm start` has changes to pick up. */
async function simulateOrgActivity(org: RunningEmulator): Promise<string> {
  const plan = [
    { object: 'Account', create: 5, update: 20, delete: 2 },
    { object: 'Contact', create: 10, update: 30, delete: 3 },
    { object: 'Opportunity', create: 5, update: 15 },
    { object: 'Case', create: 8, update: 10, delete: 1 },
  ];
  const totals = { created: 0, updated: 0, deleted: 0 };
  for (const step of plan) {
    const result = await org.admin.mutate(step);
    totals.created += result.created.length;
    totals.updated += result.updated.length;
    totals.deleted += result.deleted.length;
  }
  return `${totals.created} records created, ${totals.updated} updated, ${totals.deleted} deleted`;
}
