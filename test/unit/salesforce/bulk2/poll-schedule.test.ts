import { describe, expect, it } from 'vitest';
import { DEFAULT_POLL_SCHEDULE, nextPollDelay } from '../../../../salesforce/index.js';

describe('nextPollDelay', () => {
  it('starts at half a second and doubles up to a 30 s cap', () => {
    expect(Array.from({ length: 9 }, (_, attempt) => nextPollDelay(attempt))).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    expect(DEFAULT_POLL_SCHEDULE).toEqual({ initial: 500, max: 30_000 });
  });

  it('stays at the cap however long a job runs', () => {
    expect(nextPollDelay(10_000)).toBe(30_000);
  });

  it('follows a custom schedule', () => {
    expect([0, 1, 2, 3].map((attempt) => nextPollDelay(attempt, { initial: 2_000, max: 5_000 }))).toEqual([2_000, 4_000, 5_000, 5_000]);
    expect(nextPollDelay(3, { max: 1_000 })).toBe(1_000);
  });
});
