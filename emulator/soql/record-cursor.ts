import type { SortedList } from '../store/sorted-list.js';
import type { RecordKey, StoredRecord } from '../store/stored-record.js';
import type { KeyRange } from './key-range.js';
import type { Predicate } from './predicate.js';

export interface CursorPage {
  records: StoredRecord[];
  done: boolean;
}

/** Pages of a query result. `position` is how many rows were handed out; the next page starts there. */
export interface RecordCursor {
  readonly totalSize: number;
  readonly position: number;
  next(pageSize: number): CursorPage;
  /** Goes back to an earlier page boundary, so a client can retry a page; false when `position` is not one. */
  seek(position: number): boolean;
}

interface Boundary {
  lastKey: RecordKey | null;
  skip: number;
}

/**
 * A cursor that holds a position in an index, not a result: each page seeks past the last key it returned
 * (O(log n)) and scans forward, so a 1M-row walk costs the same per page as a 2,000-row one.
 */
export class IndexCursor implements RecordCursor {
  readonly totalSize: number;
  private state: Boundary;
  private emitted = 0;
  private readonly boundaries = new Map<number, Boundary>();

  constructor(
    private readonly list: SortedList<StoredRecord, RecordKey>,
    private readonly compare: (a: RecordKey, b: RecordKey) => number,
    private readonly range: KeyRange,
    private readonly direction: 1 | -1,
    /** Null when the range is exactly the WHERE clause. */
    private readonly predicate: Predicate | null,
    offset: number,
    private readonly limit: number | null,
  ) {
    this.state = { lastKey: null, skip: offset };
    this.boundaries.set(0, this.state);
    const matching = predicate === null ? this.rangeSize() : this.countMatches();
    this.totalSize = Math.max(0, Math.min(matching - offset, limit ?? Number.POSITIVE_INFINITY));
  }

  get position(): number {
    return this.emitted;
  }

  next(pageSize: number): CursorPage {
    const wanted = Math.min(pageSize, (this.limit ?? Number.POSITIVE_INFINITY) - this.emitted);
    const records: StoredRecord[] = [];
    let { skip } = this.state;
    // Assigned inside the scan callback, which control-flow analysis does not follow.
    let last = null as StoredRecord | null;
    let hasMore = false;
    this.list.scan(this.startIndex(this.state.lastKey), this.direction, (record) => {
      if (this.beyondEnd(record)) return false;
      if (this.predicate !== null && !this.predicate(record)) return true;
      if (skip > 0) {
        skip--;
        last = record;
        return true;
      }
      if (records.length === wanted) {
        hasMore = true;
        return false;
      }
      records.push(record);
      last = record;
      return true;
    });
    this.emitted += records.length;
    // The key is copied: the record's SystemModstamp may change before the next page.
    const lastKey = last === null ? this.state.lastKey : { modstamp: last.modstamp, id: last.id };
    this.state = { lastKey, skip };
    this.boundaries.set(this.emitted, this.state);
    const limitReached = this.limit !== null && this.emitted >= this.limit;
    return { records, done: !hasMore || limitReached };
  }

  seek(position: number): boolean {
    const boundary = this.boundaries.get(position);
    if (boundary === undefined) return false;
    this.state = boundary;
    this.emitted = position;
    return true;
  }

  private startIndex(lastKey: RecordKey | null): number {
    const { lower, upper } = this.range;
    if (this.direction === 1) {
      if (lastKey !== null) return this.list.upperBound(lastKey);
      if (lower === null) return 0;
      return lower.inclusive ? this.list.lowerBound(lower.key) : this.list.upperBound(lower.key);
    }
    if (lastKey !== null) return this.list.lowerBound(lastKey) - 1;
    if (upper === null) return this.list.size - 1;
    return (upper.inclusive ? this.list.upperBound(upper.key) : this.list.lowerBound(upper.key)) - 1;
  }

  private beyondEnd(record: StoredRecord): boolean {
    const bound = this.direction === 1 ? this.range.upper : this.range.lower;
    if (bound === null) return false;
    const comparison = this.compare(record, bound.key) * this.direction;
    return comparison > 0 || (comparison === 0 && !bound.inclusive);
  }

  private rangeSize(): number {
    const { lower, upper } = this.range;
    const start = lower === null ? 0 : lower.inclusive ? this.list.lowerBound(lower.key) : this.list.upperBound(lower.key);
    const end = upper === null ? this.list.size : upper.inclusive ? this.list.upperBound(upper.key) : this.list.lowerBound(upper.key);
    return Math.max(0, end - start);
  }

  private countMatches(): number {
    let count = 0;
    this.list.scan(this.startIndex(null), this.direction, (record) => {
      if (this.beyondEnd(record)) return false;
      if (this.predicate === null || this.predicate(record)) count++;
      return true;
    });
    return count;
  }
}

/** A cursor over a result computed up front (lookups by Id and orders no index provides). */
export class ListCursor implements RecordCursor {
  private emitted = 0;

  constructor(private readonly records: readonly StoredRecord[]) {}

  get totalSize(): number {
    return this.records.length;
  }

  get position(): number {
    return this.emitted;
  }

  next(pageSize: number): CursorPage {
    const page = this.records.slice(this.emitted, this.emitted + pageSize);
    this.emitted += page.length;
    return { records: page, done: this.emitted >= this.records.length };
  }

  seek(position: number): boolean {
    if (position < 0 || position > this.records.length) return false;
    this.emitted = position;
    return true;
  }
}
