import type { ApiUsage, ApiUsageTracker } from '../../salesforce/index.js';

/** The org usage of the latest `Sforce-Limit-Info` header, and when this process saw it. */
export interface ObservedUsage {
  /** Org id, or the instance origin before the org id is known. */
  org: string;
  used: number;
  max: number;
  /** Epoch milliseconds. */
  observedAt: number;
}

export interface UsageFollower {
  latest(): ObservedUsage | undefined;
  stop(): void;
}

/**
 * Timestamps the readings of a client's usage tracker, which keeps only the latest value per org. The
 * client records the header of a response just before it reports the call, and every reading is a new
 * object, so on each `api-call` event an entry that is not the one seen before is the reading just taken.
 */
export function followUsage(tracker: ApiUsageTracker, now: () => number): UsageFollower {
  // Readings taken before following have no known age: they never count as fresh.
  const seen = new Map<string, ApiUsage>(tracker.snapshot());
  let latest: ObservedUsage | undefined;
  const onCall = (): void => {
    for (const [org, usage] of tracker.snapshot()) {
      if (seen.get(org) === usage) continue;
      seen.set(org, usage);
      latest = { org, used: usage.used, max: usage.max, observedAt: now() };
    }
  };
  tracker.on('api-call', onCall);
  return {
    latest: () => latest,
    stop: () => tracker.off('api-call', onCall),
  };
}
