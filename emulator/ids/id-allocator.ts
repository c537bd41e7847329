import { formatId, sequenceOf } from './salesforce-id.js';

/** Hands out increasing IDs per key prefix; never reuses one, even after a record is purged. */
export class IdAllocator {
  private readonly next = new Map<string, number>();

  allocate(keyPrefix: string): string {
    const sequence = this.next.get(keyPrefix) ?? 1;
    this.next.set(keyPrefix, sequence + 1);
    return formatId(keyPrefix, sequence);
  }

  /** Records that `id` exists (loaded from disk or inserted with an explicit ID). */
  observe(id: string): void {
    const sequence = sequenceOf(id);
    if (sequence === null) return;
    const prefix = id.slice(0, 3);
    if (sequence >= (this.next.get(prefix) ?? 1)) this.next.set(prefix, sequence + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.next);
  }

  restore(counters: Record<string, number>): void {
    for (const [prefix, next] of Object.entries(counters)) {
      if (next > (this.next.get(prefix) ?? 1)) this.next.set(prefix, next);
    }
  }
}
