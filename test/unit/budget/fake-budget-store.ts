import type { ApiCallRecord, ApiCallWindow, Limits, LimitsSnapshot, LimitsSnapshotInput, Store } from '../../../store/index.js';

type BudgetStore = Pick<Store, 'recordApiCalls' | 'apiCallsInWindow' | 'latestLimitsSnapshot' | 'recordLimitsSnapshot'>;

const MINUTE_MS = 60_000;
const ms = (instant: Date | string): number => (instant instanceof Date ? instant.getTime() : Date.parse(instant));

/** The store's ledger and limits history in memory, with the same whole-minute window semantics. */
export class FakeBudgetStore implements BudgetStore {
  readonly buckets: Array<{ connection: string; caller: string; minute: number; calls: number }> = [];
  readonly snapshots: Array<{ connection: string; takenAt: string; limits: Limits }> = [];
  windowQueries = 0;
  /** Set to make the next writes fail. */
  failWrites: Error | undefined;

  recordApiCalls(record: ApiCallRecord): Promise<void> {
    if (this.failWrites) return Promise.reject(this.failWrites);
    const minute = Math.floor(ms(record.at ?? new Date()) / MINUTE_MS);
    const bucket = this.buckets.find((b) => b.connection === record.connection && b.caller === record.caller && b.minute === minute);
    if (bucket) bucket.calls += record.calls;
    else this.buckets.push({ connection: record.connection, caller: record.caller, minute, calls: record.calls });
    return Promise.resolve();
  }

  apiCallsInWindow(window: ApiCallWindow): Promise<number> {
    this.windowQueries += 1;
    const from = Math.floor(ms(window.since) / MINUTE_MS);
    return Promise.resolve(this.buckets
      .filter((b) => b.connection === window.connection && (window.caller === undefined || b.caller === window.caller) && b.minute >= from)
      .reduce((sum, b) => sum + b.calls, 0));
  }

  /** Records `calls` at an epoch-ms instant. */
  spend(connection: string, caller: string, calls: number, at: number): Promise<void> {
    return this.recordApiCalls({ connection, caller, calls, at: new Date(at) });
  }

  latestLimitsSnapshot(connection: string): Promise<LimitsSnapshot | null> {
    const mine = this.snapshots.filter((s) => s.connection === connection).sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt));
    const latest = mine.at(-1);
    return Promise.resolve(latest ? { takenAt: latest.takenAt, limits: latest.limits } : null);
  }

  recordLimitsSnapshot(snapshot: LimitsSnapshotInput): Promise<void> {
    if (this.failWrites) return Promise.reject(this.failWrites);
    this.snapshots.push({ connection: snapshot.connection, takenAt: new Date(ms(snapshot.takenAt)).toISOString(), limits: snapshot.limits });
    return Promise.resolve();
  }
}

/** A `/limits` body as the client returns it, with DailyApiRequests at `used` of `max`. */
export function limitsWith(used: number, max: number): Limits {
  return {
    DailyApiRequests: { max, remaining: max - used },
    DailyBulkV2QueryJobs: { max: 10_000, remaining: 9_990 },
    DailyBulkV2QueryFileStorageMB: { max: 976_562, remaining: 976_562 },
    DataStorageMB: { max: 5, remaining: 4 },
  };
}
