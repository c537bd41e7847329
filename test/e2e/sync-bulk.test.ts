import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createWorkerMetrics, type WorkerMetrics } from '../../worker/metrics/index.js';
import type { syncObjectWorkflow } from '../../workflows/index.js';
import { sampleValue } from '../unit/metrics/prometheus-text.js';
import { actualRows, expectedRows, startSyncHarness, type SyncHarness } from '../support/sync-harness.js';
import { useWorkerProcesses } from '../support/worker-process-fixture.js';

describe('the Bulk API 2.0 route of syncObjectWorkflow', () => {
  describe('with one org', () => {
    let harness: SyncHarness;
    let metrics: WorkerMetrics;
    beforeAll(async () => {
      metrics = createWorkerMetrics({ store: { listSyncStates: () => Promise.resolve([]), latestLimitsSnapshot: () => Promise.resolve(null) }, processMetrics: false });
      harness = await startSyncHarness({ destination: 'postgres', emulator: { seed: 'Account=60000,Contact=3000' }, activityDeps: { metrics } });
      await harness.startWorker();
    });
    afterAll(async () => harness?.close());

    it('sends a 60,000-record window to Bulk and makes the table equal to the org', async () => {
      const summary = await harness.sync({ object: 'Account', tuning: { consistencyLagSeconds: 0, bulkPageRecords: 20_000 } });
      expect(summary.route).toBe('bulk');
      expect(summary.upserted + summary.deleted).toBe(60_000);
      expect(summary.pages).toBe(3);
      // A handful of calls whatever the size: describe, count, create, polls, three result pages (each counted).
      expect(summary.apiCalls).toBeGreaterThanOrEqual(6);
      expect(summary.apiCalls).toBeLessThan(20);
      const calls = await harness.emulator.admin.callCounts();
      const resultCalls = Object.entries(calls).filter(([route]) => route.includes('/results')).reduce((sum, [, n]) => sum + n, 0);
      expect(resultCalls).toBe(3);
      expect(await harness.actualRows('Account')).toEqual(await harness.expectedRows('Account'));
      expect((await harness.emulator.admin.bulkJobs()).filter((job) => job.jobType === 'query')).toHaveLength(1);
    });

    it('writes exactly the table REST writes, field by field, for the same records', async () => {
      // Contacts carry the hostile values: quotes, commas, newlines, non-Latin text, emoji, nulls, dates.
      const rest = await harness.sync({ object: 'Contact', mode: 'full', bulkThreshold: 1_000_000_000, tuning: { consistencyLagSeconds: 0 } });
      expect(rest.route).toBe('rest');
      const viaRest = await harness.actualRows('Contact');
      const bulk = await harness.sync({ object: 'Contact', mode: 'full', bulkThreshold: 0, tuning: { consistencyLagSeconds: 0, bulkPageRecords: 1_000 } });
      expect(bulk.route).toBe('bulk');
      // Every row rewritten by the Bulk load (same SystemModstamp, so the stale-write guard lets it through).
      expect(bulk.upserted + bulk.deleted).toBe(viaRest.size);
      expect(await harness.actualRows('Contact')).toEqual(viaRest);
      expect(viaRest).toEqual(await harness.expectedRows('Contact'));
    });

    it('abandons a job that ends Failed and reads the window with a new one, reporting Salesforce\'s errorMessage', async () => {
      await harness.emulator.admin.addBulkJobFaults([{ jobType: 'query', times: 1, fault: { kind: 'fail', errorMessage: 'InternalServerError : Retried more than 15 times' } }]);
      const jobsBefore = (await harness.emulator.admin.bulkJobs()).filter((job) => job.jobType === 'query').length;
      const summary = await harness.sync({ object: 'Account', mode: 'full', bulkThreshold: 0, tuning: { consistencyLagSeconds: 0, bulkPageRecords: 30_000 } });
      expect(summary.route).toBe('bulk');
      expect(summary.upserted).toBe(60_000);
      expect(summary.abandonedBulkJobs).toEqual([
        { jobId: expect.any(String), reason: 'BULK_JOB_FAILED', detail: expect.stringContaining('Retried more than 15 times') },
      ]);
      expect((await harness.emulator.admin.bulkJobs()).filter((job) => job.jobType === 'query').length - jobsBefore).toBe(2);
      expect(await harness.actualRows('Account')).toEqual(await harness.expectedRows('Account'));
    });

    it('waits for a job that stays InProgress for a long time instead of abandoning it', async () => {
      await harness.emulator.admin.addBulkJobFaults([{ jobType: 'query', times: 1, fault: { kind: 'slow', processingMs: 8_000 } }]);
      const started = Date.now();
      const handle = await harness.startSync({ object: 'Account', mode: 'full', bulkThreshold: 0, tuning: { consistencyLagSeconds: 0, bulkPageRecords: 30_000 } });
      const summary = await handle.result();
      expect(Date.now() - started).toBeGreaterThan(8_000);
      expect(summary.upserted).toBe(60_000);
      const events = (await handle.fetchHistory()).events ?? [];
      const polls = events.filter((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'pollBulkJob');
      expect(polls.length).toBeGreaterThan(3);
      expect(events.filter((event) => event.timerStartedEventAttributes).length).toBeGreaterThan(2);
    });

    it('heartbeats while one large page streams in, so the heartbeat timeout never cuts the page short', async () => {
      const handle = await harness.startSync({
        object: 'Account', mode: 'full', bulkThreshold: 0,
        tuning: { consistencyLagSeconds: 0, bulkPageRecords: 60_000, heartbeatTimeoutSeconds: 5 },
      });
      const midPage: Array<{ pages?: number; rowsInPage?: number }> = [];
      let finished = false;
      const watching = (async () => {
        while (!finished) {
          const { raw } = await handle.describe();
          for (const activity of raw.pendingActivities ?? []) {
            const payload = activity.heartbeatDetails?.payloads?.[0];
            if (activity.activityType?.name === 'loadBulkResults' && payload) midPage.push(defaultPayloadConverter.fromPayload(payload));
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      const summary = await handle.result().finally(() => (finished = true));
      await watching;
      expect(summary).toMatchObject({ route: 'bulk', upserted: 60_000, pages: 1 });
      // Progress reported from inside the only page, before it committed.
      expect(midPage.some((details) => details.pages === 0 && (details.rowsInPage ?? 0) > 0)).toBe(true);
      const events = (await handle.fetchHistory()).events ?? [];
      expect(events.some((event) => event.activityTaskTimedOutEventAttributes)).toBe(false);
      expect(events.some((event) => (event.activityTaskStartedEventAttributes?.attempt ?? 1) > 1)).toBe(false);
    });

    it('abandons a job whose result pages are short, reads the window with a new job by itself, and the next sync carries on', async () => {
      await harness.emulator.admin.addBulkJobFaults([{ jobType: 'query', times: 1, fault: { kind: 'truncate', missingRows: 1 } }]);
      const jobsBefore = (await harness.emulator.admin.bulkJobs()).filter((job) => job.jobType === 'query').length;
      const handle = await harness.startSync({ object: 'Account', mode: 'full', bulkThreshold: 0, tuning: { consistencyLagSeconds: 0, bulkPageRecords: 30_000 } });
      const summary = await handle.result();
      expect(summary.route).toBe('bulk');
      const jobs = (await harness.emulator.admin.bulkJobs()).filter((job) => job.jobType === 'query').slice(jobsBefore);
      expect(jobs).toHaveLength(2);
      expect(summary.abandonedBulkJobs).toEqual([{ jobId: jobs[0]!.id, reason: 'BULK_RESULT_COUNT_MISMATCH', detail: expect.stringMatching(/processed 60000 Account records, but its result pages hold 59999/) }]);
      // The short job's first page committed before the short one was found: every committed page counts once.
      expect(summary.upserted + summary.deleted).toBe(30_000 + 60_000);
      expect(sampleValue(await metrics.registry.metrics(), 'sfsync_bulk_jobs_abandoned_total', { connection: harness.connection.name, object: 'Account', reason: 'BULK_RESULT_COUNT_MISMATCH' })).toBe(1);
      expect(await harness.actualRows('Account')).toEqual(await harness.expectedRows('Account'));
      const state = await harness.store.readSyncState(harness.connection.name, 'Account');
      expect(state?.bulk).toBeNull();
      expect(state?.watermark?.systemModstamp).toBe(summary.windowEnd);

      // The next scheduled run starts from that watermark, no person involved.
      await harness.emulator.admin.mutate({ object: 'Account', update: 40 });
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const next = await harness.sync({ object: 'Account', bulkThreshold: 0, tuning: { consistencyLagSeconds: 0 } });
      expect(next).toMatchObject({ route: 'bulk', abandonedBulkJobs: [] });
      expect(next.upserted + next.deleted).toBeGreaterThanOrEqual(40);
      expect(await harness.actualRows('Account')).toEqual(await harness.expectedRows('Account'));
    });
  });

  describe('when Bulk cannot serve the window', () => {
    let harness: SyncHarness;
    afterAll(async () => harness?.close());

    it('falls back to REST and says why in the run summary', async () => {
      // The org has no Bulk query jobs left today: job creation is refused (docs/salesforce-api.md §6.5).
      harness = await startSyncHarness({ destination: 'pglite', emulator: { seed: 'Account=1500', limits: { dailyBulkV2QueryJobs: 0 } } });
      await harness.startWorker();
      const summary = await harness.sync({ object: 'Account', bulkThreshold: 0, tuning: { consistencyLagSeconds: 0 } });
      expect(summary.route).toBe('rest');
      expect(summary.routeReason).toMatch(/Bulk API 2\.0 cannot serve it \(DailyBulkV2QueryJobs is spent/);
      expect(await harness.actualRows('Account')).toEqual(await harness.expectedRows('Account'));
    });
  });

  describe('with a worker process killed between result pages', () => {
    // Slow result pages, so the kill lands between page commits.
    const fixture = useWorkerProcesses('bulkcrash', { seed: 'Account=6000', faults: [{ route: 're:/jobs/query/[^/]+/results', fault: { kind: 'latency', ms: 700 } }] });

    it('resumes the same job from the committed locator and never starts a second one', async () => {
      const { emulator, temporal, store, connection, taskQueue } = fixture;
      const env = fixture.env();
      const first = fixture.spawn(env, { built: inject('builtWorkerPath') });
      const handle = await temporal.client.workflow.start<typeof syncObjectWorkflow>('syncObjectWorkflow', {
        taskQueue,
        workflowId: `bulkcrash-${taskQueue}`,
        args: [{ connection: 'bulkcrash', object: 'Account', bulkThreshold: 0, tuning: { bulkPageRecords: 1_000, heartbeatTimeoutSeconds: 5, consistencyLagSeconds: 0 } }],
      });
      await expect.poll(async () => (await store.readSyncState('bulkcrash', 'Account'))?.pagesCommitted ?? 0, { timeout: 90_000, interval: 100 })
        .toBeGreaterThanOrEqual(2);
      first.child.kill('SIGKILL');
      await first.exited;
      const atKill = await store.readSyncState('bulkcrash', 'Account');
      expect(atKill?.bulk?.locator).toBeTruthy();
      expect(atKill!.pagesCommitted).toBeLessThan(6);

      fixture.spawn(env, { built: inject('builtWorkerPath') });
      const summary = await handle.result();
      expect(summary.route).toBe('bulk');
      const state = await store.readSyncState('bulkcrash', 'Account');
      expect(state?.bulk).toBeNull();
      expect(state?.pagesCommitted).toBe(6);
      const queryJobs = (await emulator.admin.bulkJobs()).filter((job) => job.jobType === 'query');
      expect(queryJobs).toHaveLength(1);
      expect(await actualRows(store, 'Account')).toEqual(await expectedRows(emulator, connection, store, 'Account'));
    });
  });
});
