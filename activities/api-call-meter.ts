import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApiCallEvent, ApiUsageTracker } from '../salesforce/index.js';

interface Meter {
  calls: number;
  /** Salesforce's clock as the latest response of this meter's calls reported it (its `Date` header). */
  serverDate?: number;
}

const current = new AsyncLocalStorage<Meter>();

/**
 * Attributes each Salesforce HTTP call to the activity that made it. Clients are shared by every activity
 * in the process, so a per-client counter would mix concurrent syncs; the `api-call` event fires inside the
 * caller's async context, which AsyncLocalStorage follows.
 */
export function attachApiCallMeter(usage: ApiUsageTracker): void {
  usage.on('api-call', (event: ApiCallEvent) => {
    const meter = current.getStore();
    if (!meter) return;
    meter.calls += 1;
    if (event.serverDate !== undefined) meter.serverDate = Math.max(meter.serverDate ?? event.serverDate, event.serverDate);
  });
}

export interface MeterReadings {
  /** Salesforce's time per the latest response to this activity's calls (epoch ms, to the second); undefined before one. */
  serverDate(): number | undefined;
}

/** Runs `work` with a fresh meter; `calls()` reads how many API calls it has made so far. */
export function meterApiCalls<T>(work: (calls: () => number, readings: MeterReadings) => Promise<T>): Promise<T> {
  const meter: Meter = { calls: 0 };
  return current.run(meter, () => work(() => meter.calls, { serverDate: () => meter.serverDate }));
}
