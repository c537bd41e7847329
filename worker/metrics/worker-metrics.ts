import type { Logger } from 'pino';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { followUsage, type AlertCounter, type UsageFollower } from '../../activities/budget/index.js';
import type { ApiCallEvent, ApiUsageTracker } from '../../salesforce/index.js';
import type { Store } from '../../store/index.js';
import { registerSyncLagGauge } from './sync-lag.js';
import { registerUsageGauges } from './usage-gauges.js';

export interface WorkerMetricsDeps {
  store: Pick<Store, 'listSyncStates' | 'latestLimitsSnapshot'>;
  now?: () => number;
  /** Where scrape-time store failures are reported (the series are then left out of that scrape). */
  logger?: Logger | undefined;
  /** A registry of one's own (tests); defaults to a new one. */
  registry?: Registry;
  /** Node.js process metrics (`process_*`, `nodejs_*`); default true. */
  processMetrics?: boolean;
}

export interface CommitCounts {
  connection: string;
  object: string;
  upserted: number;
  deleted: number;
}

export interface WorkerMetrics extends AlertCounter {
  readonly registry: Registry;
  /** Counts a client's calls and follows its usage header for `connection`; returns the detach function. */
  attach(connection: string, usage: ApiUsageTracker): () => void;
  /** Adds one committed page (or batch of pages) to the records counters. */
  recordCommit(counts: CommitCounts): void;
  setPausedSyncs(connection: string, paused: number): void;
  /** Counts a Bulk API 2.0 job a sync gave up on for its window (and read again another way). */
  recordBulkJobAbandoned(event: { connection: string; object: string; reason: string }): void;
  /** The worker's clock minus Salesforce's (its `Date` header), as the latest planning call measured it. */
  recordClockSkew(connection: string, skewSeconds: number): void;
}

/**
 * The worker's Prometheus metrics. Counters count what this process did (Prometheus sums them over the
 * fleet); the usage and lag gauges are read from the shared store at scrape time, so any worker reports them.
 */
export function createWorkerMetrics(deps: WorkerMetricsDeps): WorkerMetrics {
  const registry = deps.registry ?? new Registry();
  const now = deps.now ?? Date.now;
  if (deps.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const apiCalls = new Counter({
    name: 'sfsync_salesforce_api_calls_total',
    help: 'Salesforce HTTP calls by connection, route template and status ("none" when no response arrived)',
    labelNames: ['connection', 'route', 'status'],
    registers,
  });
  const upserted = new Counter({
    name: 'sfsync_records_upserted_total', help: 'Records written to the destination', labelNames: ['connection', 'object'], registers,
  });
  const deleted = new Counter({
    name: 'sfsync_records_deleted_total', help: 'Records deleted (soft or hard) in the destination', labelNames: ['connection', 'object'], registers,
  });
  const paused = new Gauge({
    name: 'sfsync_paused_syncs', help: 'Syncs waiting for the API budget', labelNames: ['connection'], registers,
  });
  const alerts = new Counter({
    name: 'sfsync_budget_alerts_total', help: 'API budget thresholds crossed', labelNames: ['connection', 'threshold'], registers,
  });

  const bulkJobsAbandoned = new Counter({
    name: 'sfsync_bulk_jobs_abandoned_total',
    help: 'Bulk API 2.0 query jobs abandoned for their window (e.g. short results), the window read again another way',
    labelNames: ['connection', 'object', 'reason'],
    registers,
  });
  const clockSkew = new Gauge({
    name: 'sfsync_clock_skew_seconds',
    help: "Worker clock minus Salesforce's (the Date header of a planning call); windows end by Salesforce's clock",
    labelNames: ['connection'],
    registers,
  });

  const followers = new Map<string, UsageFollower>();
  registerUsageGauges({ registry, store: deps.store, followers, logger: deps.logger });
  registerSyncLagGauge({ registry, store: deps.store, now, logger: deps.logger });

  return {
    registry,
    attach(connection, usage) {
      const onCall = (event: ApiCallEvent): void => {
        apiCalls.inc({ connection, route: event.route, status: event.status === undefined ? 'none' : String(event.status) });
      };
      usage.on('api-call', onCall);
      const follower = followUsage(usage, now);
      followers.set(connection, follower);
      return () => {
        usage.off('api-call', onCall);
        follower.stop();
        if (followers.get(connection) === follower) followers.delete(connection);
      };
    },
    recordCommit(counts) {
      upserted.inc({ connection: counts.connection, object: counts.object }, counts.upserted);
      deleted.inc({ connection: counts.connection, object: counts.object }, counts.deleted);
    },
    setPausedSyncs(connection, count) {
      paused.set({ connection }, count);
    },
    recordBulkJobAbandoned(event) {
      bulkJobsAbandoned.inc({ connection: event.connection, object: event.object, reason: event.reason });
    },
    recordClockSkew(connection, skewSeconds) {
      clockSkew.set({ connection }, skewSeconds);
    },
    countBudgetAlert(connection, threshold) {
      alerts.inc({ connection, threshold: String(threshold) });
    },
  };
}
