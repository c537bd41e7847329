// syncObjectWorkflow's branches with scripted fake activities. Temporal's time-skipping test server is a download this
// machine cannot make (no network), so these run on the e2e run's dev server; no branch here waits on a timer.
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { Worker } from '@temporalio/worker';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { createActivities } from '../../activities/index.js';
import type { CommittedTotals, PageBatchResult, SyncPlan, SyncProgress } from '../../common/sync-progress.js';
import type { SyncObjectInput } from '../../common/sync-object-input.js';
import { createWorker } from '../../worker/create-worker.js';
import type { syncObjectWorkflow } from '../../workflows/index.js';
import { connectTestTemporal, uniqueTaskQueue } from '../support/temporal.js';

type Activities = ReturnType<typeof createActivities>;
type Temporal = Awaited<ReturnType<typeof connectTestTemporal>>;

/** The destination's cursor as the fakes commit to it: running totals and the Bulk job recorded. */
class FakeCursor {
  committed: CommittedTotals = { upserted: 1_000, deleted: 10, pages: 7 };
  jobs: string[] = [];
  recordedJob: string | null = null;
  calls: string[] = [];
  commit(upserted: number): void {
    this.committed = { upserted: this.committed.upserted + upserted, deleted: this.committed.deleted, pages: this.committed.pages + 1 };
  }
}

function plan(route: SyncPlan['route'], cursor: FakeCursor): SyncPlan {
  return {
    fields: ['Id', 'SystemModstamp'], watermark: null, windowStart: null, windowEnd: '2031-01-01T00:00:00.000Z', windowEndExclusive: false,
    cursor: 'incremental', expectedCount: 100_000, route, routeReason: 'scripted', addedColumns: [], apiCalls: 2, committed: { ...cursor.committed },
  };
}

const batch = (cursor: FakeCursor, upserted: number, done: boolean): PageBatchResult =>
  ({ upserted, deleted: 0, pages: 1, apiCalls: 1, watermark: null, done, restartedQueries: 0, committed: { ...cursor.committed } });

const short = (jobId: string) => ApplicationFailure.create({
  type: 'BULK_RESULT_COUNT_MISMATCH', message: `Bulk API 2.0 query job ${jobId} processed 100 Account records, but its result pages hold 99`, nonRetryable: true,
});

/** Fakes of exactly the activities' type; `load` scripts what each load of each job does. */
function fakeActivities(cursor: FakeCursor, route: SyncPlan['route'], load: (jobId: string, call: number) => PageBatchResult): Partial<Activities> {
  const loads = new Map<string, number>();
  return {
    planSync: () => Promise.resolve(plan(route, cursor)),
    checkBudget: () => Promise.resolve({ action: 'proceed', usage: { org: null, callerCalls: 0, callerShare: null } }),
    startBulkQuery: () => {
      if (cursor.recordedJob) return Promise.resolve({ jobId: cursor.recordedJob, resumed: true, apiCalls: 0 });
      cursor.recordedJob = `job-${cursor.jobs.length + 1}`;
      cursor.jobs.push(cursor.recordedJob);
      return Promise.resolve({ jobId: cursor.recordedJob, resumed: false, apiCalls: 1 });
    },
    pollBulkJob: () => Promise.resolve({ state: 'JobComplete', recordsProcessed: 100 }),
    loadBulkResults: (input) => {
      const call = (loads.get(input.jobId) ?? 0) + 1;
      loads.set(input.jobId, call);
      cursor.calls.push(`load ${input.jobId}`);
      return Promise.resolve(load(input.jobId, call));
    },
    abandonBulkJob: (input) => {
      cursor.calls.push(`abandon ${input.jobId} ${input.reason}`);
      if (cursor.recordedJob === input.jobId) cursor.recordedJob = null;
      return Promise.resolve({ apiCalls: 1 });
    },
    syncPages: (input) => {
      cursor.calls.push(`rest ${input.window.end}`);
      cursor.commit(60);
      return Promise.resolve(batch(cursor, 60, true));
    },
    releaseCursor: () => Promise.resolve(),
  };
}

describe('syncObjectWorkflow with scripted activities', () => {
  let temporal: Temporal;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let taskQueue: string;
  beforeAll(async () => {
    temporal = await connectTestTemporal();
  });
  afterEach(async () => {
    worker?.shutdown();
    await running;
    worker = undefined;
  });
  afterAll(async () => temporal?.close());

  async function run(activities: Partial<Activities>, input: Partial<SyncObjectInput> = {}) {
    taskQueue = uniqueTaskQueue('wf');
    worker = await createWorker({
      connection: temporal.nativeConnection, namespace: temporal.namespace, taskQueue, activities, workflowBundle: temporal.workflowBundle,
    });
    running = worker.run();
    const handle = await temporal.client.workflow.start<typeof syncObjectWorkflow>('syncObjectWorkflow', {
      taskQueue, workflowId: `wf-${randomUUID()}`, args: [{ connection: 'test', object: 'Account', ...input }],
    });
    return { handle, summary: await handle.result() };
  }

  it('counts the pages a failed attempt committed: the summary is what the cursor committed beyond the plan', async () => {
    const cursor = new FakeCursor();
    let attempts = 0;
    const activities: Partial<Activities> = {
      ...fakeActivities(cursor, 'rest', () => { throw new Error('unused'); }),
      syncPages: () => {
        attempts += 1;
        cursor.commit(2_000);
        cursor.commit(2_000);
        // The first attempt commits two pages, then loses its database connection.
        if (attempts === 1) return Promise.reject(new Error('connection terminated unexpectedly'));
        return Promise.resolve(batch(cursor, 4_000, true));
      },
    };
    const { summary } = await run(activities);
    expect(attempts).toBe(2);
    expect(summary).toMatchObject({ upserted: 8_000, deleted: 0, pages: 4 });
  });

  it('hands a planning call that spent its probe attempts on another failure over to the standard policy, not blocked', async () => {
    const cursor = new FakeCursor();
    let attempts = 0;
    const { handle, summary } = await run({
      ...fakeActivities(cursor, 'rest', () => { throw new Error('unused'); }),
      planSync: () => {
        attempts += 1;
        if (attempts <= 3) return Promise.reject(ApplicationFailure.create({ type: 'SERVER_UNAVAILABLE', message: 'scripted 503', nonRetryable: false }));
        return Promise.resolve(plan('rest', cursor));
      },
    });
    expect(attempts).toBe(4);
    expect(summary).toMatchObject({ route: 'rest', upserted: 60 });
    expect((await handle.query<SyncProgress>('progress')).blocked).toBeNull();
  });

  it('abandons a job whose results are short and loads the window with a new job', async () => {
    const cursor = new FakeCursor();
    const { summary } = await run(fakeActivities(cursor, 'bulk', (jobId) => {
      if (jobId === 'job-1') {
        cursor.commit(50);
        throw short(jobId);
      }
      cursor.commit(100);
      return batch(cursor, 100, true);
    }));
    expect(cursor.calls).toEqual(['load job-1', 'abandon job-1 BULK_RESULT_COUNT_MISMATCH', 'load job-2']);
    expect(summary).toMatchObject({ route: 'bulk', upserted: 150, pages: 2 });
    expect(summary.abandonedBulkJobs).toEqual([{ jobId: 'job-1', reason: 'BULK_RESULT_COUNT_MISMATCH', detail: expect.stringContaining('hold 99') }]);
  });

  it('abandons a job that ended Failed and loads the window with a new job, instead of failing the sync', async () => {
    const cursor = new FakeCursor();
    const activities = fakeActivities(cursor, 'bulk', () => {
      cursor.commit(100);
      return batch(cursor, 100, true);
    });
    const { summary } = await run({
      ...activities,
      pollBulkJob: (input) => {
        cursor.calls.push(`poll ${input.jobId}`);
        if (input.jobId === 'job-1') {
          return Promise.reject(ApplicationFailure.create({
            type: 'BULK_JOB_FAILED', message: `Bulk API 2.0 query job ${input.jobId} failed: InternalServerError : Retried more than 15 times`, nonRetryable: true,
          }));
        }
        return Promise.resolve({ state: 'JobComplete', recordsProcessed: 100 });
      },
    });
    expect(cursor.calls).toEqual(['poll job-1', 'abandon job-1 BULK_JOB_FAILED', 'poll job-2', 'load job-2']);
    expect(summary).toMatchObject({ route: 'bulk', upserted: 100 });
    expect(summary.abandonedBulkJobs).toEqual([{ jobId: 'job-1', reason: 'BULK_JOB_FAILED', detail: expect.stringContaining('Retried more than 15 times') }]);
  });

  it('reads the window through REST when the replacement job is short too, instead of looping on Bulk', async () => {
    const cursor = new FakeCursor();
    const { summary } = await run(fakeActivities(cursor, 'bulk', (jobId) => {
      throw short(jobId);
    }));
    expect(cursor.calls).toEqual([
      'load job-1', 'abandon job-1 BULK_RESULT_COUNT_MISMATCH', 'load job-2', 'abandon job-2 BULK_RESULT_COUNT_MISMATCH', 'rest 2031-01-01T00:00:00.000Z',
    ]);
    expect(summary.route).toBe('rest');
    expect(summary.routeReason).toMatch(/2 Bulk API 2\.0 jobs could not serve the window, so REST reads it/);
    expect(summary.abandonedBulkJobs.map((job) => job.jobId)).toEqual(['job-1', 'job-2']);
    expect(summary.upserted).toBe(60);
  });

  it('carries abandoned jobs and the count baseline over continue-as-new', async () => {
    const cursor = new FakeCursor();
    const { handle, summary } = await run(fakeActivities(cursor, 'bulk', (jobId, call) => {
      if (jobId === 'job-1') throw short(jobId);
      cursor.commit(100);
      return batch(cursor, 100, call === 3);
    }), { tuning: { activitiesPerRun: 1 } });
    expect((await handle.describe()).runId).not.toBe(handle.firstExecutionRunId);
    expect(cursor.jobs).toEqual(['job-1', 'job-2']);
    expect(summary).toMatchObject({ route: 'bulk', upserted: 300, pages: 3 });
    expect(summary.abandonedBulkJobs.map((job) => job.jobId)).toEqual(['job-1']);
  });
});
