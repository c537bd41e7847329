import { describe, expect, it } from 'vitest';
import type { MutateRequest } from '../../../emulator/admin/org-mutations.js';
import { OrgActivity } from '../../../emulator/activity/org-activity.js';
import { createRandom } from '../../../emulator/random.js';

describe('org activity', () => {
  it('applies ratePerMinute changes per minute, carrying fractions between ticks', () => {
    const requests: MutateRequest[] = [];
    const activity = new OrgActivity(90, ['Account', 'Contact'], createRandom(1), (request) => requests.push(request));
    for (let second = 0; second < 60; second++) activity.step(1_000);
    expect(requests).toHaveLength(90);
    expect(activity.step(500)).toBe(0);
    expect(activity.step(500)).toBe(1);
  });

  it('changes one record at a time, mostly by updates', () => {
    const requests: MutateRequest[] = [];
    const activity = new OrgActivity(1_000, ['Account'], createRandom(2), (request) => requests.push(request));
    activity.step(60_000);
    const kinds = requests.map((request) => Object.keys(request).find((key) => key !== 'object'));
    expect(requests.every((request) => Object.values(request).includes(1))).toBe(true);
    expect(kinds.filter((kind) => kind === 'update').length).toBeGreaterThan(600);
    expect(kinds).toContain('create');
    expect(kinds).toContain('delete');
  });
});
