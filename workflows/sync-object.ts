import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  patched,
  sleep,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities/index.js';
import { FailureType } from '../common/failure-types.js';
import { SfConnection, SfObject, SfPaused, SfPhase, SfRecordsSynced, SfRoute } from '../common/search-attributes.js';
import { syncObjectInputSchema, type SyncObjectInput, type SyncObjectRequest } from '../common/sync-object-input.js';
import type { CommittedTotals, PageBatchResult, SyncContinuation, SyncPhase, SyncProgress, SyncSummary, SyncTotals } from '../common/sync-progress.js';
import { nextPollDelay } from '../salesforce/bulk2/poll-schedule.js';
import { parseWorkflowInput } from './parse-input.js';
import { progressQuery } from './queries.js';
import { overrideBudgetSignal, recheckBudgetSignal } from './signals.js';
import { pageActivityOptions, planningActivityOptions, probeActivityOptions } from './retry-policies.js';

type Activities = ReturnType<typeof createActivities>;

/**
 * Keeps one destination table equal to one Salesforce object. Reads the window
 * (committed watermark, now - lag] ordered by (SystemModstamp, Id) through page activities that commit each
 * page with its watermark; records never pass through this workflow, only counts and cursors.
 */
export async function syncObjectWorkflow(rawInput: SyncObjectInput, continuation?: SyncContinuation): Promise<SyncSummary> {
  const input: SyncObjectRequest = parseWorkflowInput(syncObjectInputSchema, rawInput, 'syncObjectWorkflow');
  const { tuning } = input;
  const startedAt = continuation?.startedAt ?? new Date().toISOString();
  const progress: SyncProgress = {
    connection: input.connection,
    object: input.object,
    mode: input.mode,
    phase: 'planning',
    route: continuation?.plan.route ?? null,
    routeReason: continuation?.plan.routeReason ?? null,
    recordsProcessed: (continuation?.totals.upserted ?? 0) + (continuation?.totals.deleted ?? 0),
    upserted: continuation?.totals.upserted ?? 0,
    deleted: continuation?.totals.deleted ?? 0,
    expectedCount: continuation?.plan.expectedCount ?? null,
    watermark: continuation?.plan.watermark ?? null,
    windowEnd: continuation?.plan.windowEnd ?? null,
    apiCalls: continuation?.totals.apiCalls ?? 0,
    runsSoFar: continuation?.runsSoFar ?? 0,
    startedAt,
    pause: null,
    pausedMs: continuation?.totals.pausedMs ?? 0,
    abandonedBulkJobs: continuation?.abandonedBulkJobs ?? [],
    blocked: null,
  };
  const { abandonedBulkJobs } = progress;
  setHandler(progressQuery, () => progress);
  let budgetOverridden = false;
  let recheckRequested = false;
  setHandler(overrideBudgetSignal, (by) => {
    budgetOverridden = true;
    log.warn('API budget overridden by an operator for the rest of this sync', { by: by?.by, reason: by?.reason });
  });
  setHandler(recheckBudgetSignal, () => {
    recheckRequested = true;
  });
  const setPhase = (phase: SyncPhase) => {
    progress.phase = phase;
    upsertSearchAttributes([{ key: SfPhase, value: phase }]);
  };
  upsertSearchAttributes([
    { key: SfConnection, value: input.connection },
    { key: SfObject, value: input.object },
  ]);
  setPhase('planning');

  const { planSync } = proxyActivities<Activities>({ ...planningActivityOptions, summary: `Plan ${input.object} window` });
  const probes = {
    planSync: proxyActivities<Activities>({ ...probeActivityOptions, summary: `Plan ${input.object} window` }).planSync,
    checkBudget: proxyActivities<Activities>({ ...probeActivityOptions, summary: 'Check the API budget' }).checkBudget,
  };
  const { releaseCursor } = proxyActivities<Activities>({ ...planningActivityOptions, summary: `Release the ${input.object} backfill cursor` });
  const { checkBudget } = proxyActivities<Activities>({ ...planningActivityOptions, summary: 'Check the API budget' });
  const { startBulkQuery } = proxyActivities<Activities>({ ...planningActivityOptions, summary: `Start (or resume) the ${input.object} Bulk API 2.0 query job` });
  const { pollBulkJob } = proxyActivities<Activities>({ ...planningActivityOptions, summary: `Poll the ${input.object} Bulk API 2.0 job` });
  const { abandonBulkJob } = proxyActivities<Activities>({ ...planningActivityOptions, summary: `Abandon a ${input.object} Bulk API 2.0 job for its window` });
  const { loadBulkResults } = proxyActivities<Activities>({
    ...pageActivityOptions(tuning.heartbeatTimeoutSeconds, tuning.maxSecondsPerActivity),
    summary: `Load ${input.object} Bulk results into the destination`,
  });

  /**
   * Makes a call that needs the destination: first under the bounded probe policy; if the destination turns out to
   * be unreachable, the progress says so (and since when), and the call is made once more under the standard policy,
   * whose retries wait for the database as long as it takes. The workflow never loops on a failure itself.
   */
  const reachingDestination = async <T>(probe: () => Promise<T>, call: () => Promise<T>): Promise<T> => {
    if (!patched(DESTINATION_PROGRESS_PATCH)) return call();
    const since = new Date().toISOString();
    try {
      return await probe();
    } catch (error) {
      // Non-retryable failures stay final; a probe that spent its attempts hands over to the standard policy.
      if (!(error instanceof ActivityFailure) || error.retryState !== 'MAXIMUM_ATTEMPTS_REACHED') throw error;
      if (error.cause instanceof ApplicationFailure && error.cause.type === FailureType.DestinationUnreachable) {
        progress.blocked = { reason: 'DESTINATION_UNREACHABLE', since, detail: error.cause.message };
      }
      try {
        return await call();
      } finally {
        progress.blocked = null;
      }
    }
  };

  /**
   * Spends no call while the org's API budget is past its threshold (or sfsync's own share is used up):
   * waits on a durable timer until the re-check time, or until a recheck or override signal.
   */
  const waitForBudget = async (requestLimitExceeded = false): Promise<void> => {
    if (budgetOverridden) return;
    const phaseBefore = progress.phase;
    const check = (request: Parameters<Activities['checkBudget']>[0]) => reachingDestination(() => probes.checkBudget(request), () => checkBudget(request));
    for (let decision = await check({ connection: input.connection, requestLimitExceeded }); decision.action === 'pause'; decision = await check({ connection: input.connection, refresh: true })) {
      progress.pause = { reason: decision.reason, detail: decision.detail, resumeAt: decision.resumeAt, since: progress.pause?.since ?? new Date().toISOString() };
      setPhase('paused');
      upsertSearchAttributes([{ key: SfPaused, value: true }]);
      recheckRequested = false;
      await condition(() => budgetOverridden || recheckRequested, Math.max(1_000, Date.parse(decision.resumeAt) - Date.now()));
      if (budgetOverridden) break;
    }
    if (progress.pause) {
      progress.pausedMs += Date.now() - Date.parse(progress.pause.since);
      progress.pause = null;
      upsertSearchAttributes([{ key: SfPaused, value: false }]);
      setPhase(phaseBefore);
    }
  };
  const { syncPages } = proxyActivities<Activities>({
    ...pageActivityOptions(tuning.heartbeatTimeoutSeconds, tuning.maxSecondsPerActivity),
    summary: `Read ${input.object} pages into the destination`,
  });

  await waitForBudget();
  const planRequest = {
    connection: input.connection,
    object: input.object,
    ...(input.fields ? { fields: input.fields } : {}),
    mode: input.mode,
    consistencyLagSeconds: tuning.consistencyLagSeconds,
    bulkThreshold: input.bulkThreshold,
    ...(input.window ? { window: input.window } : {}),
  };
  const plan = continuation?.plan ?? (await reachingDestination(() => probes.planSync(planRequest), () => planSync(planRequest)));
  const window = { start: plan.windowStart, end: plan.windowEnd, endExclusive: plan.windowEndExclusive };
  const totals: SyncTotals = continuation?.totals ?? { upserted: 0, deleted: 0, pages: 0, apiCalls: plan.apiCalls, activities: 0, pausedMs: 0 };
  const continueWith = (watermark: typeof plan.watermark) =>
    continueAsNew<typeof syncObjectWorkflow>(rawInput, {
      plan: { ...plan, watermark },
      totals: { ...totals, pausedMs: progress.pausedMs },
      startedAt,
      runsSoFar: progress.runsSoFar + 1,
      abandonedBulkJobs,
    });

  /** Bulk API 2.0: one job for the whole window; its id lives in the destination, so any run resumes it. */
  const startBulkJob = async (): Promise<string | undefined> => {
    await waitForBudget();
    const started = await startBulkQuery({ connection: input.connection, object: input.object, fields: plan.fields, cursor: plan.cursor, window });
    totals.apiCalls += started.apiCalls;
    if (!('fallback' in started)) return started.jobId;
    plan.route = 'rest';
    plan.routeReason = `${plan.routeReason}, but Bulk API 2.0 cannot serve it (${started.fallback}): REST reads it`;
    return undefined;
  };
  /** The job's numberRecordsProcessed, once it is complete; a job that ended Failed or Aborted is abandoned. */
  const waitForBulkJob = async (jobId: string): Promise<number | null> => {
    for (let attempt = 0; ; attempt++) {
      let status;
      try {
        status = await pollBulkJob({ connection: input.connection, jobId });
      } catch (error) {
        const condemned = condemnedBulkJob(error);
        if (!condemned) throw error;
        await abandonBulkJobFor(jobId, condemned);
        return bulkRecords;
      }
      totals.apiCalls += 1;
      if (status.state === 'JobComplete') return status.recordsProcessed;
      if (workflowInfo().continueAsNewSuggested) await continueWith(plan.watermark);
      // Durable timers with growing intervals: a job that runs for hours is waited for, never abandoned.
      await sleep(nextPollDelay(attempt));
    }
  };
  const showRoute = () => {
    Object.assign(progress, { route: plan.route, routeReason: plan.routeReason, expectedCount: plan.expectedCount, windowEnd: plan.windowEnd });
    upsertSearchAttributes([{ key: SfRoute, value: plan.route }]);
  };

  let bulkJobId: string | undefined;
  let bulkRecords: number | null = null;
  /**
   * A job that failed, was aborted, or whose results are short can never load its window: it is given up on (its
   * committed pages stay, the checkpoint keeps the watermark) and the window is read again from the watermark, by a
   * new job, and after a second bad job through REST, so no sync ever waits for a person, and none loops on Bulk.
   */
  const abandonBulkJobFor = async (jobId: string, { reason, detail }: CondemnedBulkJob): Promise<void> => {
    abandonedBulkJobs.push({ jobId, reason, detail });
    log.warn('Bulk API 2.0 job abandoned for its window; the window is read again', { jobId, reason, detail });
    const abandoned = await abandonBulkJob({ connection: input.connection, object: input.object, cursor: plan.cursor, jobId, reason });
    totals.apiCalls += abandoned.apiCalls;
    if (abandonedBulkJobs.length < BULK_JOBS_PER_WINDOW) {
      bulkJobId = await startBulkJob();
    } else {
      bulkJobId = undefined;
      plan.route = 'rest';
      plan.routeReason = `${plan.routeReason}; ${abandonedBulkJobs.length} Bulk API 2.0 jobs could not serve the window, so REST reads it`;
    }
    showRoute();
    bulkRecords = bulkJobId ? await waitForBulkJob(bulkJobId) : null;
  };

  bulkJobId = plan.route === 'bulk' ? await startBulkJob() : undefined;
  showRoute();
  setPhase('reading');
  bulkRecords = bulkJobId ? await waitForBulkJob(bulkJobId) : null;

  let watermark = continuation?.plan.watermark ?? plan.watermark;
  let limitExceeded = false;
  for (let activitiesThisRun = 0; ; activitiesThisRun++) {
    if (activitiesThisRun >= tuning.activitiesPerRun || workflowInfo().continueAsNewSuggested) await continueWith(watermark);
    await waitForBudget(limitExceeded);
    let batch: PageBatchResult;
    try {
      batch = bulkJobId
        ? await loadBulkResults({
            connection: input.connection,
            object: input.object,
            jobId: bulkJobId,
            cursor: plan.cursor,
            windowEnd: plan.windowEnd,
            deleteMode: input.deleteMode,
            maxPages: tuning.maxPagesPerActivity,
            maxSeconds: tuning.maxSecondsPerActivity,
            maxRecords: tuning.bulkPageRecords,
            expectedRecords: bulkRecords,
          })
        : await syncPages({
            connection: input.connection,
            object: input.object,
            fields: plan.fields,
            cursor: plan.cursor,
            window,
            deleteMode: input.deleteMode,
            maxPages: tuning.maxPagesPerActivity,
            maxSeconds: tuning.maxSecondsPerActivity,
            batchSize: tuning.batchSize,
          });
    } catch (error) {
      const condemned = condemnedBulkJob(error);
      if (!bulkJobId || !condemned) throw error;
      await abandonBulkJobFor(bulkJobId, condemned);
      continue;
    }
    countCommitted(totals, batch, plan.committed);
    totals.apiCalls += batch.apiCalls;
    totals.activities += 1;
    watermark = batch.watermark ?? watermark;
    Object.assign(progress, {
      upserted: totals.upserted,
      deleted: totals.deleted,
      recordsProcessed: totals.upserted + totals.deleted,
      apiCalls: totals.apiCalls,
      watermark,
    });
    upsertSearchAttributes([{ key: SfRecordsSynced, value: totals.upserted + totals.deleted }]);
    if (batch.done) break;
    limitExceeded = batch.stoppedFor === 'REQUEST_LIMIT_EXCEEDED';
  }

  // A finished backfill slice forgets its cursor, so the same range can be re-read later.
  if (input.window) await releaseCursor({ connection: input.connection, object: input.object, cursor: plan.cursor });
  setPhase('done');
  const finishedAt = new Date().toISOString();
  return {
    connection: input.connection,
    object: input.object,
    mode: input.mode,
    route: plan.route,
    routeReason: plan.routeReason,
    expectedCount: plan.expectedCount,
    upserted: totals.upserted,
    deleted: totals.deleted,
    pages: totals.pages,
    apiCalls: totals.apiCalls,
    watermark,
    windowEnd: plan.windowEnd,
    addedColumns: plan.addedColumns,
    startedAt,
    finishedAt,
    durationMs: Date.parse(finishedAt) - Date.parse(startedAt),
    pausedMs: progress.pausedMs,
    abandonedBulkJobs,
  };
}

/** Runs started before calls were probed for an unreachable destination replay their calls as they were made. */
const DESTINATION_PROGRESS_PATCH = 'destination-unreachable-progress';

/** Bulk jobs tried per window before REST reads it: the first one, and one replacement. */
const BULK_JOBS_PER_WINDOW = 2;

/** Failures after which a Bulk job can never load its window: short results, a Failed job, an Aborted one. */
const CONDEMNING_FAILURES = new Set<string>([FailureType.BulkResultCountMismatch, FailureType.BulkJobFailed, FailureType.BulkJobAborted]);

interface CondemnedBulkJob {
  reason: string;
  detail: string;
}

/** Why a poll or load condemned its Bulk job, if that is what `error` is. */
function condemnedBulkJob(error: unknown): CondemnedBulkJob | undefined {
  if (!(error instanceof ActivityFailure) || !(error.cause instanceof ApplicationFailure)) return undefined;
  const { type, message } = error.cause;
  return type && CONDEMNING_FAILURES.has(type) ? { reason: type, detail: message } : undefined;
}

/**
 * Counts what the destination committed: the cursor's totals after the batch minus its totals at planning, so the
 * pages an attempt committed before it failed count once too. A plan or batch from before the totals were carried
 * (a run started by an older worker) adds the batch's own counts, as such runs always did.
 */
function countCommitted(totals: SyncTotals, batch: PageBatchResult, baseline: CommittedTotals | undefined): void {
  if (baseline && batch.committed) {
    totals.upserted = batch.committed.upserted - baseline.upserted;
    totals.deleted = batch.committed.deleted - baseline.deleted;
    totals.pages = batch.committed.pages - baseline.pages;
  } else {
    totals.upserted += batch.upserted;
    totals.deleted += batch.deleted;
    totals.pages += batch.pages;
  }
}
