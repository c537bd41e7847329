import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScheduleNotFoundError, ScheduleOverlapPolicy, type ScheduleDescription } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities, type ActivityDeps } from '../../activities/index.js';
import { desiredSchedules, orgSyncScheduleId } from '../../client/schedules/desired-schedules.js';
import type { OrgSyncSummary } from '../../common/sync-org-input.js';
import { orgSyncWorkflowId } from '../../common/workflow-ids.js';
import { loadConfig } from '../../config/load-config.js';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import type { ConnectionConfig } from '../../salesforce/index.js';
import { buildActivityDeps } from '../../worker/build-activity-deps.js';
import { createWorker } from '../../worker/create-worker.js';
import { runTsx } from '../support/run-process.js';
import { actualRows, emulatorConnectionConfig, expectedRows } from '../support/sync-harness.js';
import { connectTestTemporal, uniqueTaskQueue } from '../support/temporal.js';
import { waitFor } from '../support/wait-for.js';
import { writeWorkerConfig } from '../support/worker-process.js';

const CONNECTION = 'sched';
const RECORDS = 300;
const INTERVAL_SECONDS = 5;
/** A scheduled org sync runs on the default consistency lag (syncObjectWorkflow's tuning default). */
const DEFAULT_LAG_MS = 300_000;
const scheduleId = orgSyncScheduleId(CONNECTION);

describe('schedules from the config, applied with `npm run schedules`', () => {
  let emulator: RunningEmulator;
  let temporal: Awaited<ReturnType<typeof connectTestTemporal>>;
  let connection: ConnectionConfig;
  let env: Record<string, string>;
  let deps: ActivityDeps;
  let closeDeps: (() => Promise<void>) | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;

  /** `npm run schedules -- <args>` with the test's config and Temporal. */
  async function schedules(...args: string[]): Promise<string> {
    const result = await runTsx('client/schedules-cli.ts', args, { env, timeoutMs: 60_000 });
    expect(result.code, `${result.stdout}${result.stderr}`).toBe(0);
    return result.stdout;
  }

  /** The namespace's schedules of this connection, as the visibility store lists them. */
  async function ourSchedules(): Promise<string[]> {
    const ids: string[] = [];
    for await (const summary of temporal.client.schedule.list()) if (summary.scheduleId.startsWith(`sfsync:${CONNECTION}:`)) ids.push(summary.scheduleId);
    return ids.sort();
  }

  const describeSchedule = (): Promise<ScheduleDescription> => temporal.client.schedule.getHandle(scheduleId).describe();

  /** Waits for the schedule's n-th action (1-based) and returns that org sync's result. */
  async function actionResult(n: number): Promise<{ workflowId: string; summary: OrgSyncSummary }> {
    const description = await waitFor(`action ${n} of ${scheduleId}`, async () => {
      const current = await describeSchedule();
      return current.info.numActionsTaken >= n && current;
    }, { timeoutMs: 30_000 });
    const action = description.info.recentActions.at(n - description.info.numActionsTaken - 1);
    if (!action) throw new Error(`${scheduleId} lists no action ${n}`);
    const { workflowId, firstExecutionRunId } = action.action.workflow;
    const summary = await temporal.client.workflow.getHandle(workflowId, firstExecutionRunId).result() as OrgSyncSummary;
    return { workflowId, summary };
  }

  beforeAll(async () => {
    emulator = await startEmulator({ seed: `Account=${RECORDS}` });
    temporal = await connectTestTemporal();
    connection = emulatorConnectionConfig(emulator, CONNECTION);
    const dir = mkdtempSync(join(tmpdir(), 'schedules-'));
    env = {
      SFSYNC_CONFIG: writeWorkerConfig(dir, connection, {
        syncs: { [CONNECTION]: { objects: ['Account'], schedule: { every: `${INTERVAL_SECONDS}s` } } },
      }),
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_NAMESPACE: inject('temporalNamespace'),
      SFSYNC_TASK_QUEUE: uniqueTaskQueue('schedules'),
      DATABASE_URL: inject('databaseUrl'),
      SFSYNC_DB_SCHEMA: `sched_${randomUUID().replaceAll('-', '').slice(0, 10)}`,
    };
  });
  afterAll(async () => {
    for (const id of temporal ? await ourSchedules() : []) {
      await temporal.client.schedule.getHandle(id).delete().catch((error: unknown) => {
        if (!(error instanceof ScheduleNotFoundError)) throw error;
      });
    }
    worker?.shutdown();
    await running;
    await closeDeps?.();
    await emulator?.close();
    await temporal?.close();
  });

  it('fires a real org sync on the schedule, applies idempotently, and pauses, triggers and lists', async () => {
    // The seeded org must be older than the lag a scheduled run leaves unread, or the table cannot equal it.
    let newest = 0;
    for await (const record of emulator.admin.records('Account')) newest = Math.max(newest, Date.parse(String(record.SystemModstamp)));
    expect(newest).toBeLessThan(Date.now() - DEFAULT_LAG_MS);

    expect(await schedules('apply')).toMatch(new RegExp(`^created\\s+${scheduleId}$`, 'm'));
    const second = await schedules('apply');
    expect(second).toMatch(new RegExp(`^updated\\s+${scheduleId}$`, 'm'));
    expect(second).not.toMatch(/created|deleted/);
    const applied = await describeSchedule();
    expect(applied.spec.intervals).toMatchObject([{ every: INTERVAL_SECONDS * 1000 }]);
    expect(applied.action).toMatchObject({ workflowType: 'syncOrgWorkflow', taskQueue: env.SFSYNC_TASK_QUEUE, args: [{ connection: CONNECTION }] });
    expect(applied.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
    // Exactly the configured schedules, once each, after two applies.
    const desired = desiredSchedules(await loadConfig(env)).map((options) => options.scheduleId).sort();
    expect(desired).toContain(scheduleId);
    expect(await ourSchedules()).toEqual(desired);

    // A worker built from the same config, as `npm run worker` builds it.
    const built = await buildActivityDeps(await loadConfig(env), pino({ enabled: false }));
    deps = built.deps;
    closeDeps = built.close;
    worker = await createWorker({
      connection: temporal.nativeConnection,
      namespace: temporal.namespace,
      taskQueue: env.SFSYNC_TASK_QUEUE as string,
      activities: createActivities(deps),
      workflowBundle: temporal.workflowBundle,
    });
    running = worker.run();

    const fired = await actionResult(1);
    expect(fired.workflowId.startsWith(`${orgSyncWorkflowId(CONNECTION)}-`)).toBe(true);
    expect(fired.summary).toMatchObject({ synced: 1, failed: 0, objects: [{ object: 'Account', status: 'synced', upserted: RECORDS }] });
    const store = await deps.stores.get(CONNECTION);
    expect(await actualRows(store, 'Account')).toEqual(await expectedRows(emulator, connection, store, 'Account'));

    expect(await schedules('pause', '--connection', CONNECTION, '--note', 'paused by the e2e test')).toContain(`paused ${scheduleId}`);
    const pausedAt = Date.now();
    const listed = await schedules('list', '--connection', CONNECTION);
    expect(listed).toMatch(new RegExp(`^${scheduleId}\\s+PAUSED\\s.*note: paused by the e2e test$`, 'm'));
    // A trigger skips while a run is still going (overlap policy SKIP): let any run in flight finish first.
    const idle = await waitFor('no running scheduled sync', async () => {
      const current = await describeSchedule();
      return current.info.runningActions.length === 0 && current;
    });

    expect(await schedules('trigger', '--connection', CONNECTION)).toContain(`triggered ${scheduleId}`);
    const triggered = await actionResult(idle.info.numActionsTaken + 1);
    expect(triggered.workflowId).not.toBe(fired.workflowId);
    // Incremental: nothing changed in the org since the scheduled run.
    expect(triggered.summary).toMatchObject({ synced: 1, failed: 0, upserted: 0, deleted: 0 });

    // Paused for longer than one interval (the server's clock cannot be advanced, so this waits): only the trigger ran.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, pausedAt + (INTERVAL_SECONDS + 1) * 1000 - Date.now())));
    expect((await describeSchedule()).info.numActionsTaken).toBe(idle.info.numActionsTaken + 1);

    expect(await schedules('unpause', '--connection', CONNECTION)).toContain(`unpaused ${scheduleId}`);
    expect((await describeSchedule()).state.paused).toBe(false);
    expect(await schedules('list', '--connection', CONNECTION)).toMatch(new RegExp(`^${scheduleId}\\s+active\\s`, 'm'));

    // A config without the schedule removes it.
    env.SFSYNC_CONFIG = writeWorkerConfig(mkdtempSync(join(tmpdir(), 'schedules-')), connection, { syncs: { [CONNECTION]: { objects: ['Account'] } } });
    expect(await schedules('apply')).toMatch(new RegExp(`^deleted\\s+${scheduleId}$`, 'm'));
    await expect(describeSchedule()).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });
});
