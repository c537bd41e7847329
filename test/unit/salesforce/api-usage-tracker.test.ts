import { describe, expect, it } from 'vitest';
import type { UsageThresholdEvent } from '../../../salesforce/index.js';
import { ApiUsageTracker, parseLimitInfo } from '../../../salesforce/index.js';

describe('parseLimitInfo', () => {
  it('reads the org-wide usage', () => {
    expect(parseLimitInfo('api-usage=18/5000')).toEqual({ used: 18, max: 5000 });
  });

  it('reads a per-app allocation next to it', () => {
    expect(parseLimitInfo('api-usage=25/5000; per-app-api-usage=17/250(appName=sample-connected-app)')).toEqual({
      used: 25,
      max: 5000,
      perApp: { used: 17, max: 250, appName: 'sample-connected-app' },
    });
  });

  it('ignores a missing or foreign header', () => {
    expect(parseLimitInfo(undefined)).toBeUndefined();
    expect(parseLimitInfo('per-app-api-usage=1/2(appName=x)')).toBeUndefined();
  });
});

describe('ApiUsageTracker', () => {
  function tracked(thresholds: number[]) {
    const tracker = new ApiUsageTracker(thresholds);
    const events: UsageThresholdEvent[] = [];
    tracker.on('threshold', (event) => events.push(event));
    return { tracker, events };
  }

  it('keeps the latest usage per org', () => {
    const { tracker } = tracked([0.9]);
    tracker.record('orgA', { used: 1, max: 100 });
    tracker.record('orgB', { used: 7, max: 50 });
    tracker.record('orgA', { used: 3, max: 100 });
    expect(tracker.latest('orgA')).toEqual({ used: 3, max: 100 });
    expect(Object.fromEntries(tracker.snapshot())).toEqual({ orgA: { used: 3, max: 100 }, orgB: { used: 7, max: 50 } });
  });

  it('emits once when usage rises through a threshold', () => {
    const { tracker, events } = tracked([0.5, 0.8]);
    tracker.record('org', { used: 40, max: 100 });
    tracker.record('org', { used: 50, max: 100 });
    tracker.record('org', { used: 60, max: 100 });
    expect(events).toEqual([{ org: 'org', used: 50, max: 100, ratio: 0.5, threshold: 0.5 }]);
  });

  it('emits every threshold a jump crosses, lowest first', () => {
    const { tracker, events } = tracked([0.8, 0.5]);
    tracker.record('org', { used: 95, max: 100 });
    expect(events.map((event) => event.threshold)).toEqual([0.5, 0.8]);
  });

  it('re-arms a threshold after usage falls below it (the window is rolling)', () => {
    const { tracker, events } = tracked([0.5]);
    tracker.record('org', { used: 60, max: 100 });
    tracker.record('org', { used: 10, max: 100 });
    tracker.record('org', { used: 70, max: 100 });
    expect(events).toHaveLength(2);
  });

  it('rejects thresholds that are not ratios', () => {
    expect(() => new ApiUsageTracker([80])).toThrow(RangeError);
  });
});
