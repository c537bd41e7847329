/** HTTP requests per route key (`GET /services/data/:version/query`). */
export class CallCounter {
  private counts = new Map<string, number>();

  increment(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts = new Map();
  }
}
