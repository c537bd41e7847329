import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../emulator/clock.js';
import { ApiUsage } from '../../../emulator/limits/api-usage.js';

const HOUR = 3_600_000;

describe('daily API usage', () => {
  it('refuses calls past the limit and reports api-usage=N/M', () => {
    const usage = new ApiUsage(createManualClock(0), 3);
    expect([1, 2, 3, 4].map(() => usage.tryConsume())).toEqual([true, true, true, false]);
    expect(usage.header()).toBe('api-usage=3/3');
  });

  it('counts over a rolling 24 hours: calls age out a day after they were made', () => {
    const clock = createManualClock(0);
    const usage = new ApiUsage(clock, 100);
    usage.spend(10);
    clock.advance(12 * HOUR);
    usage.spend(5);
    expect(usage.used()).toBe(15);
    clock.advance(12 * HOUR);
    expect(usage.used()).toBe(5);
    clock.advance(12 * HOUR);
    expect(usage.used()).toBe(0);
  });

  it('spends past the limit when another integration does, and resets on request', () => {
    const usage = new ApiUsage(createManualClock(0), 10);
    usage.spend(12);
    expect(usage.tryConsume()).toBe(false);
    usage.setMax(20);
    expect(usage.tryConsume()).toBe(true);
    usage.reset();
    expect(usage.used()).toBe(0);
  });
});
