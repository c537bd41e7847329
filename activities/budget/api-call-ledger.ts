import type { Logger } from 'pino';
import type { ApiCallEvent, ApiUsageTracker } from '../../salesforce/index.js';
import type { Store } from '../../store/index.js';

const MINUTE_MS = 60_000;
const DEFAULT_FLUSH_EVERY_MS = 5_000;

/**
 * Whether Salesforce counts a call against DailyApiRequests (docs/salesforce-api.md §7.2): OAuth token calls and the
 * version list are not counted, and a call that never got a response never reached the org. Failed
 * responses are counted, which errs on the side of spending less.
 */
export function countsAgainstDailyLimit(event: ApiCallEvent): boolean {
  return event.status !== undefined && !event.route.startsWith('/services/oauth2/') && event.route !== '/services/data/';
}

export interface ApiCallLedgerDeps {
  store: Pick<Store, 'recordApiCalls'>;
  /** The name sfsync's calls are recorded under; the budget check counts the same name. */
  caller: string;
  /** The buffer is written at most this often (and on flush/close); default 5 s. */
  flushEveryMs?: number;
  now?: () => number;
  /** Where a failed background write is reported (its counts stay buffered for the next one). */
  logger?: Logger;
}

export interface ApiCallLedger {
  /** Counts the calls a client makes for `connection`; returns the detach function. */
  attach(connection: string, usage: ApiUsageTracker): () => void;
  /** Calls counted and not yet written. */
  pending(): number;
  /** Writes every buffered count; rejects, keeping the counts buffered, when the store fails. */
  flush(): Promise<void>;
  /** Detaches from every client and writes what is left. */
  close(): Promise<void>;
}

/**
 * Feeds the per-minute API call ledger in the store, which every worker process adds to, so the rolling
 * 24 h count of sfsync's calls is one number across the fleet. Calls are buffered per connection and
 * minute and written in one upsert per bucket, instead of one database write per Salesforce call.
 */
export function recordApiCallsToLedger(deps: ApiCallLedgerDeps): ApiCallLedger {
  const flushEveryMs = deps.flushEveryMs ?? DEFAULT_FLUSH_EVERY_MS;
  const now = deps.now ?? Date.now;
  let buffer = new Map<string, Map<number, number>>();
  const detachers = new Set<() => void>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  // Flushes run one after another, so close() also waits for a write already under way.
  let chain: Promise<void> = Promise.resolve();

  function add(connection: string, minute: number, calls: number): void {
    const minutes = buffer.get(connection) ?? new Map<number, number>();
    minutes.set(minute, (minutes.get(minute) ?? 0) + calls);
    buffer.set(connection, minutes);
    if (timer === undefined && !closed) {
      timer = setTimeout(() => {
        timer = undefined;
        flush().catch((error: unknown) => deps.logger?.warn({ err: error, pending: pending() }, 'API call ledger write failed; retrying'));
      }, flushEveryMs);
      timer.unref();
    }
  }

  function pending(): number {
    let total = 0;
    for (const minutes of buffer.values()) for (const calls of minutes.values()) total += calls;
    return total;
  }

  async function write(): Promise<void> {
    const taken = [...buffer].flatMap(([connection, minutes]) => [...minutes].map(([minute, calls]) => ({ connection, minute, calls })));
    buffer = new Map();
    for (const [index, bucket] of taken.entries()) {
      try {
        await deps.store.recordApiCalls({ connection: bucket.connection, caller: deps.caller, calls: bucket.calls, at: new Date(bucket.minute * MINUTE_MS) });
      } catch (error) {
        for (const unwritten of taken.slice(index)) add(unwritten.connection, unwritten.minute, unwritten.calls);
        throw error;
      }
    }
  }

  function flush(): Promise<void> {
    const run = chain.then(write);
    chain = run.catch(() => undefined);
    return run;
  }

  return {
    attach(connection, usage) {
      const onCall = (event: ApiCallEvent): void => {
        if (countsAgainstDailyLimit(event)) add(connection, Math.floor(now() / MINUTE_MS), 1);
      };
      usage.on('api-call', onCall);
      const detach = () => {
        usage.off('api-call', onCall);
        detachers.delete(detach);
      };
      detachers.add(detach);
      return detach;
    },
    pending,
    flush,
    async close() {
      closed = true;
      for (const detach of [...detachers]) detach();
      clearTimeout(timer);
      timer = undefined;
      await flush();
    },
  };
}
