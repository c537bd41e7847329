import type { Budget } from '../../config/sync-config.js';
import { isSalesforceError, type ApiUsageTracker } from '../../salesforce/index.js';
import type { Store } from '../../store/index.js';
import type { BudgetAlerts } from './alerts.js';
import { decideBudget, type BudgetDecision } from './budget-policy.js';
import { callerShareFreesAt, ROLLING_DAY_MS } from './caller-share.js';
import { followUsage, type UsageFollower } from './live-usage.js';
import { createSnapshotLimits, LIMIT_NAMES, limitUsage, type BudgetClients } from './snapshot-limits.js';

export interface CheckBudgetDeps {
  salesforce: BudgetClients;
  store: Pick<Store, 'apiCallsInWindow' | 'latestLimitsSnapshot' | 'recordLimitsSnapshot'>;
  budgetFor: (connection: string) => Budget;
  /** The ledger name of sfsync's own calls (the one the API call ledger records under). */
  caller: string;
  now: () => number;
  /** Flushes this process's buffered call counts first, so its own calls are all in the count. */
  ledger?: { flush(): Promise<void> } | undefined;
  /** Alerts for thresholds crossed when this check has to read `/limits` itself. */
  alerts?: BudgetAlerts | undefined;
  /** A usage header younger than this is used as is; default 2 minutes. */
  liveUsageMaxAgeMs?: number;
  /** Else a stored `/limits` snapshot younger than this; default 10 minutes (two monitor runs). */
  snapshotMaxAgeMs?: number;
}

export interface CheckBudgetInput {
  connection: string;
  /**
   * The sync was just refused with 403 REQUEST_LIMIT_EXCEEDED. It pauses even when the usage figures look
   * fine: the same error also means too many concurrent long-running requests (docs/salesforce-api.md §2.7).
   */
  requestLimitExceeded?: boolean;
  /**
   * Read `/limits` even if a recent figure is at hand. A paused sync re-checks this way: it has made no calls
   * since it paused, so the last header it saw is exactly the reading it is waiting to see change.
   */
  refresh?: boolean;
}

export type UsageSource = 'response' | 'snapshot' | 'limits';

export interface BudgetUsage {
  /** DailyApiRequests of the org, and where the figure came from; null when Salesforce refused to say. */
  org: { used: number; max: number; ratio: number; source: UsageSource; observedAt: string } | null;
  /** sfsync's own calls in the rolling 24 h, every worker together. */
  callerCalls: number;
  callerShare: number | null;
}

export type BudgetCheck = BudgetDecision & { usage: BudgetUsage };

const DEFAULT_LIVE_USAGE_MAX_AGE_MS = 2 * 60_000;
const DEFAULT_SNAPSHOT_MAX_AGE_MS = 10 * 60_000;

/**
 * The activity a sync runs before spending calls: proceed, or pause with a reason and a time to re-check.
 * It reads the org's usage as cheaply as it is fresh: the `Sforce-Limit-Info` of this process's latest
 * response (free), else the latest `/limits` snapshot any worker stored, else one `/limits` call, whose
 * snapshot it stores for the others. sfsync's own calls come from the shared ledger.
 */
export function createCheckBudget(deps: CheckBudgetDeps) {
  const liveMaxAge = deps.liveUsageMaxAgeMs ?? DEFAULT_LIVE_USAGE_MAX_AGE_MS;
  const snapshotMaxAge = deps.snapshotMaxAgeMs ?? DEFAULT_SNAPSHOT_MAX_AGE_MS;
  const snapshotLimits = createSnapshotLimits(deps);
  // One follower per client, started by the first check of its connection: readings taken before it have no known age.
  const followers = new WeakMap<ApiUsageTracker, UsageFollower>();
  const followerOf = (tracker: ApiUsageTracker): UsageFollower => {
    const follower = followers.get(tracker) ?? followUsage(tracker, deps.now);
    followers.set(tracker, follower);
    return follower;
  };

  async function orgUsage(connection: string, now: number, refresh: boolean): Promise<{ usage: BudgetUsage['org']; limitExceeded: boolean }> {
    const live = followerOf(deps.salesforce.get(connection).usage).latest();
    if (!refresh && live !== undefined && now - live.observedAt <= liveMaxAge) {
      return { usage: usageFigure(live.used, live.max, 'response', live.observedAt), limitExceeded: false };
    }
    const stored = refresh ? null : await deps.store.latestLimitsSnapshot(connection);
    const storedApi = stored === null ? null : limitUsage(stored.limits, LIMIT_NAMES.apiRequests);
    if (stored !== null && storedApi !== null && now - Date.parse(stored.takenAt) <= snapshotMaxAge) {
      return { usage: usageFigure(storedApi.used, storedApi.max, 'snapshot', Date.parse(stored.takenAt)), limitExceeded: false };
    }
    try {
      const read = await snapshotLimits({ connection });
      return { usage: usageFigure(read.used, read.max, 'limits', Date.parse(read.takenAt)), limitExceeded: false };
    } catch (error) {
      if (!isSalesforceError(error) || error.code !== 'REQUEST_LIMIT_EXCEEDED') throw error;
      // The refusal carries a usage header too; it is this process's freshest reading when it does.
      const refused = followerOf(deps.salesforce.get(connection).usage).latest();
      const fresh = refused !== undefined && refused.observedAt >= now;
      return { usage: fresh ? usageFigure(refused.used, refused.max, 'response', refused.observedAt) : null, limitExceeded: true };
    }
  }

  return async function checkBudget(input: CheckBudgetInput): Promise<BudgetCheck> {
    const { connection } = input;
    const budget = deps.budgetFor(connection);
    const now = deps.now();
    const org = await orgUsage(connection, now, input.refresh === true);
    await deps.ledger?.flush();
    const callerCalls = await deps.store.apiCallsInWindow({ connection, caller: deps.caller, since: new Date(now - ROLLING_DAY_MS) });
    const share = budget.callerShare;
    const freesAt = share !== undefined && callerCalls >= share
      ? await callerShareFreesAt(deps.store, { connection, caller: deps.caller, share, now })
      : undefined;
    const decision = decideBudget({
      orgUsage: org.usage ?? undefined,
      requestLimitExceeded: org.limitExceeded || input.requestLimitExceeded === true,
      callerCallsLast24h: callerCalls,
      budget,
      now,
      ...(freesAt === undefined ? {} : { callerShareFreesAt: freesAt }),
    });
    return { ...decision, usage: { org: org.usage, callerCalls, callerShare: share ?? null } };
  };
}

function usageFigure(used: number, max: number, source: UsageSource, observedAt: number): NonNullable<BudgetUsage['org']> {
  return { used, max, ratio: max > 0 ? used / max : 0, source, observedAt: new Date(observedAt).toISOString() };
}
