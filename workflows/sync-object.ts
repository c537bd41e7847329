import {
  ApplicationFailure,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities/index.js';
import { FailureType } from '../common/failure-types.js';
import { SfConnection, SfObject, SfPhase, SfRecordsSynced, SfRoute } from '../common/search-attributes.js';
import { describeInputProblems, syncObjectInputSchema, type SyncObjectInput, type SyncObjectRequest } from '../common/sync-object-input.js';
import type { SyncContinuation, SyncPhase, SyncProgress, SyncSummary, SyncTotals } from '../common/sync-progress.js';
import { progressQuery } from './queries.js';
import { pageActivityOptions, planningActivityOptions } from './retry-policies.js';

type Activities = ReturnType<typeof createActivities>;

function parseInput(raw: unknown): SyncObjectRequest {
  const parsed = syncObjectInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw ApplicationFailure.create({
      type: FailureType.InvalidInput,
      message: `Invalid syncObjectWorkflow input: ${describeInputProblems(parsed.error)}`,
      nonRetryable: true,
    });
  }
  return parsed.data;
}

/**
 * Keeps one destination table equal to one Salesforce object. Reads the window
 * (committed watermark, now - lag] ordered by (SystemModstamp, Id) through page activities that commit each
 * page with its watermark; records never pass through this workflow, only counts and cursors.
 */
export async function syncObjectWorkflow(rawInput: SyncObjectInput, continuation?: SyncContinuation): Promise<SyncSummary> {
  const input = parseInput(rawInput);
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
  };
  setHandler(progressQuery, () => progress);
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
  const { releaseCursor } = proxyActivities<Activities>({ ...planningActivityOptions, summary: `Release the ${input.object} backfill cursor` });
  const { syncPages } = proxyActivities<Activities>({
    ...pageActivityOptions(tuning.heartbeatTimeoutSeconds, tuning.maxSecondsPerActivity),
    summary: `Read ${input.object} pages into the destination`,
  });

  const plan =
    continuation?.plan ??
    (await planSync({
      connection: input.connection,
      object: input.object,
      ...(input.fields ? { fields: input.fields } : {}),
      mode: input.mode,
      consistencyLagSeconds: tuning.consistencyLagSeconds,
      bulkThreshold: input.bulkThreshold,
      ...(input.window ? { window: input.window } : {}),
    }));
  Object.assign(progress, { route: plan.route, routeReason: plan.routeReason, expectedCount: plan.expectedCount, windowEnd: plan.windowEnd });
  upsertSearchAttributes([{ key: SfRoute, value: plan.route }]);
  setPhase('reading');

  const totals: SyncTotals = continuation?.totals ?? { upserted: 0, deleted: 0, pages: 0, apiCalls: plan.apiCalls, activities: 0 };
  let watermark = continuation?.plan.watermark ?? plan.watermark;
  for (let activitiesThisRun = 0; ; activitiesThisRun++) {
    if (activitiesThisRun >= tuning.activitiesPerRun || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof syncObjectWorkflow>(rawInput, {
        plan: { ...plan, watermark },
        totals,
        startedAt,
        runsSoFar: progress.runsSoFar + 1,
      });
    }
    const batch = await syncPages({
      connection: input.connection,
      object: input.object,
      fields: plan.fields,
      cursor: plan.cursor,
      window: { start: plan.windowStart, end: plan.windowEnd, endExclusive: plan.windowEndExclusive },
      deleteMode: input.deleteMode,
      maxPages: tuning.maxPagesPerActivity,
      maxSeconds: tuning.maxSecondsPerActivity,
      batchSize: tuning.batchSize,
    });
    totals.upserted += batch.upserted;
    totals.deleted += batch.deleted;
    totals.pages += batch.pages;
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
  };
}
