import { hash } from 'node:crypto';

const INITIAL_CAPACITY = 1024;

/**
 * Finds which uploaded row a result row is. Ingest results echo each row's original columns but come back
 * in any order (docs/salesforce-api.md §6.2), so every uploaded row is remembered by a 64-bit digest of its cells:
 * 13 bytes a row in typed arrays (about 13 MB for a million rows) instead of the rows themselves.
 * Identical rows are interchangeable; each result claims the next one not yet claimed.
 */
export class RowIndex {
  #high = new Uint32Array(INITIAL_CAPACITY);
  #low = new Uint32Array(INITIAL_CAPACITY);
  #size = 0;
  #order: Uint32Array | undefined;

  get size(): number {
    return this.#size;
  }

  /** Remembers the next uploaded row; its offset is the number of rows added before it. */
  add(cells: readonly string[]): void {
    this.#order = undefined;
    if (this.#size === this.#high.length) this.#grow();
    const [high, low] = digest(cells);
    this.#high[this.#size] = high;
    this.#low[this.#size] = low;
    this.#size += 1;
  }

  /**
   * A lookup for one pass over the results: each call returns the offset of an uploaded row with these
   * cells that this pass has not returned yet, or undefined when there is none.
   */
  matcher(): (cells: readonly string[]) => number | undefined {
    const order = this.#sorted();
    const claimed = new Uint8Array(this.#size);
    return (cells) => {
      const [high, low] = digest(cells);
      for (let at = this.#lowerBound(order, high, low); at < order.length; at += 1) {
        const offset = order[at] ?? 0;
        if (this.#high[offset] !== high || this.#low[offset] !== low) return undefined;
        if (claimed[offset] === 0) {
          claimed[offset] = 1;
          return offset;
        }
      }
      return undefined;
    };
  }

  #grow(): void {
    const high = new Uint32Array(this.#high.length * 2);
    const low = new Uint32Array(this.#low.length * 2);
    high.set(this.#high);
    low.set(this.#low);
    this.#high = high;
    this.#low = low;
  }

  #sorted(): Uint32Array {
    if (this.#order !== undefined) return this.#order;
    const high = this.#high;
    const low = this.#low;
    const order = new Uint32Array(this.#size).map((_, offset) => offset);
    order.sort((a, b) => (high[a] ?? 0) - (high[b] ?? 0) || (low[a] ?? 0) - (low[b] ?? 0) || a - b);
    this.#order = order;
    return order;
  }

  #lowerBound(order: Uint32Array, high: number, low: number): number {
    let from = 0;
    let to = order.length;
    while (from < to) {
      const middle = (from + to) >>> 1;
      const offset = order[middle] ?? 0;
      const below = (this.#high[offset] ?? 0) < high || ((this.#high[offset] ?? 0) === high && (this.#low[offset] ?? 0) < low);
      if (below) from = middle + 1;
      else to = middle;
    }
    return from;
  }
}

/** 64 bits of SHA-1 over the cells: among a million distinct rows, the chance of any collision is about 3 in 10^8. */
function digest(cells: readonly string[]): [number, number] {
  const bytes = hash('sha1', JSON.stringify(cells), 'buffer');
  return [bytes.readUInt32BE(0), bytes.readUInt32BE(4)];
}
