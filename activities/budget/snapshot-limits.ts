import { FailureType } from '../../common/failure-types.js';
import { SyncFailure } from '../../common/sync-failure.js';
import type { Budget } from '../../config/sync-config.js';
import type { Limits, SalesforceClient } from '../../salesforce/index.js';
import type { Store } from '../../store/index.js';
import type { BudgetAlerts } from './alerts.js';
import { alertThresholds, thresholdCrossings } from './threshold-crossings.js';

/** The clients the budget activities need; `SalesforceConnections` is one. */
export interface BudgetClients {
  get(connection: string): Pick<SalesforceClient, 'usage' | 'limits'>;
}

export interface SnapshotLimitsDeps {
  salesforce: BudgetClients;
  store: Pick<Store, 'latestLimitsSnapshot' | 'recordLimitsSnapshot'>;
  budgetFor: (connection: string) => Budget;
  /** Sent for every threshold crossed since the previous snapshot; no alerts when absent. */
  alerts?: BudgetAlerts | undefined;
  now: () => number;
}

export interface LimitUsage {
  used: number;
  max: number;
  ratio: number;
}

export interface LimitsSummary {
  connection: string;
  /** The org id Salesforce keyed the response's usage header by; null when it sent none. */
  org: string | null;
  /** ISO 8601. */
  takenAt: string;
  /** DailyApiRequests over the rolling 24 h. */
  used: number;
  max: number;
  usedRatio: number;
  /** DailyApiRequests ratio of the previous snapshot in the store; null for the first one. */
  previousRatio: number | null;
  /** Alert thresholds (warnAt, throttleAt) reached since the previous snapshot, and those fallen back below. */
  crossed: number[];
  recovered: number[];
  /** Bulk API 2.0 query jobs and result storage per rolling 24 h (docs/salesforce-api.md §6.5); null when the org lacks them. */
  bulkQueryJobs: LimitUsage | null;
  bulkQueryStorageMB: LimitUsage | null;
}

/** Names `GET /limits` reports them under (docs/salesforce-api.md §7.1). */
export const LIMIT_NAMES = {
  apiRequests: 'DailyApiRequests',
  bulkQueryJobs: 'DailyBulkV2QueryJobs',
  bulkQueryStorageMB: 'DailyBulkV2QueryFileStorageMB',
} as const;

/** A limit's use; Remaining goes negative when a paid org overruns (docs/salesforce-api.md §2.7), so used may exceed max. */
export function limitUsage(limits: Limits, name: string): LimitUsage | null {
  const limit = limits[name];
  if (limit === undefined) return null;
  const used = limit.max - limit.remaining;
  return { used, max: limit.max, ratio: limit.max > 0 ? used / limit.max : 0 };
}

/**
 * Reads `/limits` (one API call), alerts on the thresholds crossed since the previous snapshot in the
 * store and records the new snapshot for every worker to read. Comparing with the stored snapshot, not this
 * process's memory, means each crossing alerts once however many workers there are. Alerts go out before
 * the snapshot is recorded: a retry after a failed write may alert twice, but never skips an alert.
 */
export function createSnapshotLimits(deps: SnapshotLimitsDeps) {
  return async function snapshotLimits(input: { connection: string }): Promise<LimitsSummary> {
    const { connection } = input;
    const client = deps.salesforce.get(connection);
    const previous = await deps.store.latestLimitsSnapshot(connection);
    const readingsBefore = client.usage.snapshot();
    const limits = await client.limits();
    const takenAt = new Date(deps.now()).toISOString();
    const org = [...client.usage.snapshot()].find(([key, usage]) => readingsBefore.get(key) !== usage)?.[0] ?? null;

    const api = limitUsage(limits, LIMIT_NAMES.apiRequests);
    if (api === null) {
      throw new SyncFailure(FailureType.LimitsWithoutDailyApiRequests, `GET /limits of ${connection} did not report ${LIMIT_NAMES.apiRequests}`);
    }
    const previousRatio = previous === null ? null : (limitUsage(previous.limits, LIMIT_NAMES.apiRequests)?.ratio ?? null);
    const { crossed, recovered } = thresholdCrossings(previousRatio, api.ratio, alertThresholds(deps.budgetFor(connection)));
    for (const threshold of crossed) {
      await deps.alerts?.send({ connection, org, threshold, ratio: api.ratio, used: api.used, max: api.max, at: takenAt });
    }
    await deps.store.recordLimitsSnapshot({ connection, takenAt, limits });
    return {
      connection,
      org,
      takenAt,
      used: api.used,
      max: api.max,
      usedRatio: api.ratio,
      previousRatio,
      crossed,
      recovered,
      bulkQueryJobs: limitUsage(limits, LIMIT_NAMES.bulkQueryJobs),
      bulkQueryStorageMB: limitUsage(limits, LIMIT_NAMES.bulkQueryStorageMB),
    };
  };
}
