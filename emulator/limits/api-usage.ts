import type { EmulatorClock } from '../clock.js';

const MINUTE_MS = 60_000;
/** The daily API limit is a rolling 24-hour window (docs/salesforce-api.md §7.2). */
const WINDOW_MINUTES = 24 * 60;

/** Developer Edition's daily API request allocation (docs/salesforce-api.md §7.2). */
export const DEVELOPER_EDITION_DAILY_LIMIT = 15_000;

/** The org-wide rolling 24-hour API request count, kept per minute of emulator time. */
export class ApiUsage {
  private readonly buckets: { minute: number; count: number }[] = [];
  private total = 0;

  constructor(
    private readonly clock: EmulatorClock,
    private limit: number = DEVELOPER_EDITION_DAILY_LIMIT,
  ) {}

  get max(): number {
    return this.limit;
  }

  used(): number {
    this.evict();
    return this.total;
  }

  /** Counts `calls` requests unless that would pass the daily limit; false means 403 REQUEST_LIMIT_EXCEEDED. */
  tryConsume(calls = 1): boolean {
    if (this.used() + calls > this.limit) return false;
    this.spend(calls);
    return true;
  }

  /** Counts requests regardless of the limit (another integration spending the org's budget). */
  spend(calls: number): void {
    const minute = Math.floor(this.clock.now() / MINUTE_MS);
    const last = this.buckets[this.buckets.length - 1];
    if (last !== undefined && last.minute === minute) last.count += calls;
    else this.buckets.push({ minute, count: calls });
    this.total += calls;
  }

  reset(): void {
    this.buckets.length = 0;
    this.total = 0;
  }

  setMax(limit: number): void {
    this.limit = limit;
  }

  /** `api-usage=N/M`, the Sforce-Limit-Info value (docs/salesforce-api.md §2.6). */
  header(): string {
    return `api-usage=${this.used()}/${this.limit}`;
  }

  private evict(): void {
    const oldest = Math.floor(this.clock.now() / MINUTE_MS) - WINDOW_MINUTES;
    while (this.buckets.length > 0 && (this.buckets[0] as { minute: number }).minute <= oldest) {
      this.total -= (this.buckets.shift() as { count: number }).count;
    }
  }
}
