import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import { LIMIT_NAMES, limitUsage, type UsageFollower } from '../../activities/budget/index.js';
import type { Store } from '../../store/index.js';

interface Reading {
  used: number;
  max: number;
  /** Epoch milliseconds. */
  at: number;
}

export interface UsageGaugesDeps {
  registry: Registry;
  store: Pick<Store, 'latestLimitsSnapshot'>;
  /** The live usage of each attached connection. */
  followers: ReadonlyMap<string, UsageFollower>;
  logger?: Logger | undefined;
}

/**
 * `sfsync_api_usage_{ratio,used,max}{connection}`, computed at scrape time from the fresher of this
 * process's latest `Sforce-Limit-Info` and the latest `/limits` snapshot any worker stored, so an idle
 * worker reports the same org usage as a busy one. The three gauges share one read per scrape.
 */
export function registerUsageGauges(deps: UsageGaugesDeps): void {
  let inFlight: Promise<Map<string, Reading>> | undefined;
  const readings = (): Promise<Map<string, Reading>> => {
    inFlight ??= readAll().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  async function readAll(): Promise<Map<string, Reading>> {
    const result = new Map<string, Reading>();
    for (const [connection, follower] of deps.followers) {
      const live = follower.latest();
      let best: Reading | undefined = live === undefined ? undefined : { used: live.used, max: live.max, at: live.observedAt };
      try {
        const stored = await deps.store.latestLimitsSnapshot(connection);
        const api = stored === null ? null : limitUsage(stored.limits, LIMIT_NAMES.apiRequests);
        if (stored !== null && api !== null && (best === undefined || Date.parse(stored.takenAt) > best.at)) {
          best = { used: api.used, max: api.max, at: Date.parse(stored.takenAt) };
        }
      } catch (error) {
        deps.logger?.warn({ err: error, connection }, 'metrics: reading the latest limits snapshot failed');
      }
      if (best !== undefined) result.set(connection, best);
    }
    return result;
  }

  const gauge = (name: string, help: string, value: (reading: Reading) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['connection'],
      registers: [deps.registry],
      async collect() {
        const current = await readings();
        this.reset();
        for (const [connection, reading] of current) this.set({ connection }, value(reading));
      },
    });
  gauge('sfsync_api_usage_ratio', "Share of the org's daily API requests used over the rolling 24 h", (r) => (r.max > 0 ? r.used / r.max : 0));
  gauge('sfsync_api_usage_used', "API requests the org used over the rolling 24 h (every integration's)", (r) => r.used);
  gauge('sfsync_api_usage_max', "The org's daily API request allocation", (r) => r.max);
}
