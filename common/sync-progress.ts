/** Workflow-safe shapes the sync workflow, its activities and the CLI share. No records, only counts and cursors. */

export interface Watermark {
  /** SystemModstamp of the last committed record, ISO 8601 UTC. */
  systemModstamp: string;
  /** Id of the last committed record: the tie-breaker among records sharing a SystemModstamp. */
  id: string;
}

export type SyncRoute = 'rest' | 'bulk';

/** Why a sync is waiting instead of spending API calls, and until when. */
export interface BudgetPause {
  reason: 'REQUEST_LIMIT_EXCEEDED' | 'ORG_THRESHOLD' | 'CALLER_SHARE';
  /** The figures behind the decision, for people. */
  detail: string;
  /** When the budget is checked again (earlier on a recheck signal). */
  resumeAt: string;
  since: string;
}
/**
 * A cursor's running totals as the destination committed them (`_sync_state`): every committed page counts once,
 * whatever happened to the activity attempt that committed it.
 */
export interface CommittedTotals {
  upserted: number;
  deleted: number;
  pages: number;
}

/** A Bulk API 2.0 job the sync gave up on for its window, and why; the window was read again another way. */
export interface AbandonedBulkJob {
  jobId: string;
  /** The failure type that condemned the job, e.g. BULK_RESULT_COUNT_MISMATCH. */
  reason: string;
  detail: string;
}

/** Why a sync cannot move although it has budget: its destination does not answer. Temporal keeps retrying. */
export interface DestinationBlock {
  reason: 'DESTINATION_UNREACHABLE';
  /** When the first call that found it unreachable was made. */
  since: string;
  /** The last failure, e.g. `connect ECONNREFUSED 127.0.0.1:5432`. */
  detail: string;
}

export type SyncPhase = 'validating' | 'planning' | 'reading' | 'paused' | 'done' | 'failed';

export interface SyncPlan {
  /** Fields selected, in order; always includes Id and SystemModstamp, and IsDeleted where the object has it. */
  fields: string[];
  /** Exclusive lower bound (the committed watermark) and inclusive upper bound of this run's window. */
  watermark: Watermark | null;
  /** Inclusive lower bound of a backfill slice; null for the incremental window. */
  windowStart: string | null;
  windowEnd: string;
  /** Backfill slices end before `windowEnd`; incremental windows include it. */
  windowEndExclusive: boolean;
  /** The sync-state cursor this run commits to: 'incremental' or a backfill slice's own. */
  cursor: string;
  expectedCount: number;
  route: SyncRoute;
  routeReason: string;
  addedColumns: string[];
  /** Salesforce calls spent planning (describe, count). */
  apiCalls: number;
  /**
   * The cursor's committed totals when the run planned (after a full sync's reset): the summary reports what page
   * activities commit beyond them. Absent in plans carried over from before the totals were read.
   */
  committed?: CommittedTotals;
}

export interface PageBatchResult {
  upserted: number;
  deleted: number;
  pages: number;
  apiCalls: number;
  watermark: Watermark | null;
  /** True when the window is exhausted. */
  done: boolean;
  /** Queries restarted from the watermark after an expired or foreign locator. */
  restartedQueries: number;
  /** Set when the batch stopped early to spare the org's API budget rather than because of its page limit. */
  stoppedFor?: 'ORG_THRESHOLD' | 'REQUEST_LIMIT_EXCEEDED';
  /** The cursor's committed totals after this batch, pages of earlier failed attempts included. */
  committed?: CommittedTotals;
}

export interface SyncTotals {
  upserted: number;
  deleted: number;
  pages: number;
  apiCalls: number;
  activities: number;
  pausedMs: number;
}

export interface SyncProgress {
  connection: string;
  object: string;
  mode: 'incremental' | 'full';
  phase: SyncPhase;
  route: SyncRoute | null;
  routeReason: string | null;
  recordsProcessed: number;
  upserted: number;
  deleted: number;
  expectedCount: number | null;
  watermark: Watermark | null;
  windowEnd: string | null;
  apiCalls: number;
  runsSoFar: number;
  startedAt: string;
  /** Non-null while the sync waits for the API budget. */
  pause: BudgetPause | null;
  /** Total time spent paused for the budget, in this sync. */
  pausedMs: number;
  /** Non-null while the destination database is unreachable (the sync waits on Temporal's retries). */
  blocked: DestinationBlock | null;
  /** Bulk jobs given up on in this sync (short results); their window is read again with a new job or through REST. */
  abandonedBulkJobs: AbandonedBulkJob[];
}

export interface SyncSummary {
  connection: string;
  object: string;
  mode: 'incremental' | 'full';
  route: SyncRoute;
  routeReason: string;
  expectedCount: number;
  upserted: number;
  deleted: number;
  pages: number;
  apiCalls: number;
  watermark: Watermark | null;
  windowEnd: string;
  addedColumns: string[];
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Time spent waiting for the API budget. */
  pausedMs: number;
  /** Bulk jobs given up on (short results): the window was read again with a new job or through REST. */
  abandonedBulkJobs: AbandonedBulkJob[];
}

/** Carried over continue-as-new: the plan (so the window does not move) and the running totals. */
export interface SyncContinuation {
  plan: SyncPlan;
  totals: SyncTotals;
  startedAt: string;
  runsSoFar: number;
  /** Absent in continuations from before jobs could be abandoned. */
  abandonedBulkJobs?: AbandonedBulkJob[];
}
