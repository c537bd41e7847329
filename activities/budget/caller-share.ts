import type { Store } from '../../store/index.js';

const MINUTE_MS = 60_000;
/** Salesforce counts API requests over a rolling 24 hours (docs/salesforce-api.md §7.2). */
export const ROLLING_DAY_MS = 24 * 60 * 60_000;

export interface CallerShareQuery {
  connection: string;
  caller: string;
  share: number;
  /** Epoch milliseconds. */
  now: number;
}

/**
 * The earliest instant at which the caller's calls in the rolling day fall below `share`, if it makes no
 * more calls meanwhile. The ledger sums whole minutes from the one holding `since`, so the count is a
 * non-increasing function of the window start and a binary search over the day's 1,441 minute starts finds
 * the first one under the share in at most 11 small queries. Undefined when the caller is already under it.
 */
export async function callerShareFreesAt(store: Pick<Store, 'apiCallsInWindow'>, query: CallerShareQuery): Promise<number | undefined> {
  const callsSince = (minute: number) =>
    store.apiCallsInWindow({ connection: query.connection, caller: query.caller, since: new Date(minute * MINUTE_MS) });
  let low = Math.floor((query.now - ROLLING_DAY_MS) / MINUTE_MS);
  if ((await callsSince(low)) < query.share) return undefined;
  // The minute after the current one holds no calls yet, so the search always ends.
  let high = Math.floor(query.now / MINUTE_MS) + 1;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if ((await callsSince(middle)) < query.share) high = middle;
    else low = middle;
  }
  // A window starting at minute `high` leaves out every earlier bucket: that happens a day after it begins.
  return high * MINUTE_MS + ROLLING_DAY_MS;
}
