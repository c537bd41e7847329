import { EventEmitter } from 'node:events';
import type { ApiUsage } from './limit-info.js';

/** One HTTP exchange with Salesforce, as reported to metrics. */
export interface ApiCallEvent {
  method: string;
  /** Low-cardinality route template such as `/query/{locator}`. */
  route: string;
  /** Absent when no response arrived (network failure, timeout). */
  status?: number;
  /** Error code of a failed call. */
  code?: string;
  durationMs: number;
  bytes: number;
  /** Salesforce's clock: the response's `Date` header in epoch ms (one-second resolution); absent without one. */
  serverDate?: number;
}

export interface UsageThresholdEvent {
  /** Org id (or the instance origin before the org id is known). */
  org: string;
  used: number;
  max: number;
  ratio: number;
  threshold: number;
}

export interface ApiUsageEvents {
  threshold: [UsageThresholdEvent];
  'api-call': [ApiCallEvent];
}

/** Default alert points on the rolling 24 h budget. */
export const DEFAULT_USAGE_THRESHOLDS: readonly number[] = [0.5, 0.8, 0.9];

/**
 * Latest API usage per org, from the `Sforce-Limit-Info` header of every response. A threshold fires
 * once when usage rises to it, and re-arms when usage falls below it again (the window is rolling).
 */
export class ApiUsageTracker extends EventEmitter<ApiUsageEvents> {
  readonly thresholds: readonly number[];
  readonly #latest = new Map<string, ApiUsage>();

  constructor(thresholds: readonly number[] = DEFAULT_USAGE_THRESHOLDS) {
    super();
    if (thresholds.some((t) => !(t > 0 && t <= 1))) throw new RangeError('usage thresholds are ratios in (0, 1]');
    this.thresholds = [...thresholds].sort((a, b) => a - b);
  }

  record(org: string, usage: ApiUsage): void {
    const previous = this.#latest.get(org);
    this.#latest.set(org, usage);
    if (usage.max <= 0) return;
    const ratio = usage.used / usage.max;
    const previousRatio = previous === undefined || previous.max <= 0 ? 0 : previous.used / previous.max;
    for (const threshold of this.thresholds) {
      if (ratio >= threshold && previousRatio < threshold) {
        this.emit('threshold', { org, used: usage.used, max: usage.max, ratio, threshold });
      }
    }
  }

  recordCall(event: ApiCallEvent): void {
    this.emit('api-call', event);
  }

  latest(org: string): ApiUsage | undefined {
    return this.#latest.get(org);
  }

  snapshot(): ReadonlyMap<string, ApiUsage> {
    return new Map(this.#latest);
  }
}
