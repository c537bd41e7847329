import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApiUsageTracker } from '../salesforce/index.js';

interface Meter {
  calls: number;
}

const current = new AsyncLocalStorage<Meter>();

/**
 * Attributes each Salesforce HTTP call to the activity that made it. Clients are shared by every activity
 * in the process, so a per-client counter would mix concurrent syncs; the `api-call` event fires inside the
 * caller's async context, which AsyncLocalStorage follows.
 */
export function attachApiCallMeter(usage: ApiUsageTracker): void {
  usage.on('api-call', () => {
    const meter = current.getStore();
    if (meter) meter.calls += 1;
  });
}

/** Runs `work` with a fresh meter; `calls()` reads how many API calls it has made so far. */
export function meterApiCalls<T>(work: (calls: () => number) => Promise<T>): Promise<T> {
  const meter: Meter = { calls: 0 };
  return current.run(meter, () => work(() => meter.calls));
}
