/**
 * An ordered multiset kept as a list of sorted blocks (the "sorted containers" layout): O(log n) seeks,
 * cheap inserts anywhere (one block splice), and positional access through lazily rebuilt block offsets.
 * Items are compared through a key view `K`, so a seek can use a small probe object instead of a record.
 */
export type Compare<K> = (a: K, b: K) => number;

/** Block size: large enough that the block table stays small for 1M items, small enough that a splice is cheap. */
const DEFAULT_LOAD = 1000;

export class SortedList<T extends K, K = T> {
  private blocks: T[][] = [];
  private starts: number[] = [];
  private startsDirty = false;
  private count = 0;

  constructor(
    private readonly compare: Compare<K>,
    private readonly load = DEFAULT_LOAD,
  ) {}

  get size(): number {
    return this.count;
  }

  /** Replaces the contents with items that are already sorted by `compare`. */
  resetSorted(items: readonly T[]): void {
    this.blocks = [];
    for (let i = 0; i < items.length; i += this.load) this.blocks.push(items.slice(i, i + this.load));
    this.count = items.length;
    this.startsDirty = true;
  }

  insert(item: T): void {
    const found = this.blockFor(item, false);
    const blockIndex = found < 0 ? this.blocks.length - 1 : found;
    if (blockIndex < 0) {
      this.blocks.push([item]);
    } else {
      const block = this.blocks[blockIndex] as T[];
      block.splice(this.searchBlock(block, item, false), 0, item);
      if (block.length > this.load * 2) this.blocks.splice(blockIndex + 1, 0, block.splice(this.load));
    }
    this.count++;
    this.startsDirty = true;
  }

  /** Removes the item that compares equal to `key`; returns it, or undefined when absent. */
  remove(key: K): T | undefined {
    const blockIndex = this.blockFor(key, false);
    if (blockIndex < 0) return undefined;
    const block = this.blocks[blockIndex] as T[];
    const index = this.searchBlock(block, key, false);
    const found = block[index];
    if (found === undefined || this.compare(found, key) !== 0) return undefined;
    block.splice(index, 1);
    if (block.length === 0) this.blocks.splice(blockIndex, 1);
    this.count--;
    this.startsDirty = true;
    return found;
  }

  /** Number of items strictly before `key` (position of the first item >= key). */
  lowerBound(key: K): number {
    return this.position(key, false);
  }

  /** Number of items before or equal to `key` (position of the first item > key). */
  upperBound(key: K): number {
    return this.position(key, true);
  }

  at(index: number): T | undefined {
    if (index < 0 || index >= this.count) return undefined;
    const blockIndex = this.blockAt(index);
    return (this.blocks[blockIndex] as T[])[index - (this.starts[blockIndex] as number)];
  }

  /**
   * Visits items from position `start` forward (direction 1) or backward (-1) until `visit` returns false
   * or the list ends. The list must not change during the scan.
   */
  scan(start: number, direction: 1 | -1, visit: (item: T) => boolean): void {
    if (start < 0 || start >= this.count) return;
    let blockIndex = this.blockAt(start);
    let offset = start - (this.starts[blockIndex] as number);
    while (blockIndex >= 0 && blockIndex < this.blocks.length) {
      const block = this.blocks[blockIndex] as T[];
      for (; offset >= 0 && offset < block.length; offset += direction) {
        if (!visit(block[offset] as T)) return;
      }
      blockIndex += direction;
      offset = direction === 1 ? 0 : (this.blocks[blockIndex]?.length ?? 0) - 1;
    }
  }

  private position(key: K, after: boolean): number {
    const blockIndex = this.blockFor(key, after);
    if (blockIndex < 0) return this.count;
    this.ensureStarts();
    return (this.starts[blockIndex] as number) + this.searchBlock(this.blocks[blockIndex] as T[], key, after);
  }

  /** The first block whose last item is >= key (or > key when `after`); -1 when every block is before it. */
  private blockFor(key: K, after: boolean): number {
    let low = 0;
    let high = this.blocks.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const block = this.blocks[mid] as T[];
      const cmp = this.compare(block[block.length - 1] as T, key);
      if (cmp < 0 || (after && cmp === 0)) low = mid + 1;
      else high = mid;
    }
    return low < this.blocks.length ? low : -1;
  }

  private searchBlock(block: readonly T[], key: K, after: boolean): number {
    let low = 0;
    let high = block.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const cmp = this.compare(block[mid] as T, key);
      if (cmp < 0 || (after && cmp === 0)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private blockAt(index: number): number {
    this.ensureStarts();
    let low = 0;
    let high = this.blocks.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if ((this.starts[mid] as number) <= index) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private ensureStarts(): void {
    if (!this.startsDirty) return;
    this.starts = new Array<number>(this.blocks.length);
    let total = 0;
    for (let i = 0; i < this.blocks.length; i++) {
      this.starts[i] = total;
      total += (this.blocks[i] as T[]).length;
    }
    this.startsDirty = false;
  }
}
