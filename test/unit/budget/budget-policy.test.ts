import { describe, expect, it } from 'vitest';
import { decideBudget, type BudgetPolicyInput } from '../../../activities/budget/index.js';

const NOW = Date.parse('2025-03-01T12:00:00.000Z');
const budget = { warnAt: 0.7, throttleAt: 0.75, recheckMinutes: 5 };
const inFive = '2025-03-01T12:05:00.000Z';

interface Row {
  name: string;
  input: Partial<BudgetPolicyInput>;
  expected: ReturnType<typeof decideBudget>;
}

const rows: Row[] = [
  {
    name: 'proceeds below the throttle threshold, even past the warning one',
    input: { orgUsage: { used: 11_249, max: 15_000 } },
    expected: { action: 'proceed' },
  },
  {
    name: 'proceeds when the org usage is unknown and no share is set',
    input: { orgUsage: undefined, callerCallsLast24h: 1_000_000 },
    expected: { action: 'proceed' },
  },
  {
    name: 'pauses at the throttle threshold and re-checks after recheckMinutes',
    input: { orgUsage: { used: 11_250, max: 15_000 } },
    expected: {
      action: 'pause',
      reason: 'ORG_THRESHOLD',
      detail: 'org API usage 11,250 of 15,000 (75%) is at or above the throttle threshold of 75%',
      resumeAt: inFive,
    },
  },
  {
    name: 'names the spent cap REQUEST_LIMIT_EXCEEDED when usage reaches the maximum',
    input: { orgUsage: { used: 15_020, max: 15_000 } },
    expected: {
      action: 'pause',
      reason: 'REQUEST_LIMIT_EXCEEDED',
      detail: "the org has spent its daily API requests: 15,020 of 15,000 (100.1%)",
      resumeAt: inFive,
    },
  },
  {
    name: 'pauses on a REQUEST_LIMIT_EXCEEDED refusal without usage figures',
    input: { orgUsage: undefined, requestLimitExceeded: true },
    expected: {
      action: 'pause',
      reason: 'REQUEST_LIMIT_EXCEEDED',
      detail: "Salesforce refused a call with REQUEST_LIMIT_EXCEEDED: the org's daily API requests are spent",
      resumeAt: inFive,
    },
  },
  {
    name: 'pauses on a REQUEST_LIMIT_EXCEEDED refusal below the cap, which concurrent long-running requests also cause',
    input: { orgUsage: { used: 3_000, max: 15_000 }, requestLimitExceeded: true },
    expected: {
      action: 'pause',
      reason: 'REQUEST_LIMIT_EXCEEDED',
      detail: 'Salesforce refused a call with REQUEST_LIMIT_EXCEEDED while org API usage is 3,000 of 15,000 (20%): ' +
        'too many concurrent long-running requests, or usage rose since it was read',
      resumeAt: inFive,
    },
  },
  {
    name: 'proceeds one call under the caller share',
    input: { orgUsage: { used: 10, max: 15_000 }, callerCallsLast24h: 499, budget: { ...budget, callerShare: 500 } },
    expected: { action: 'proceed' },
  },
  {
    name: 'pauses at the caller share until its calls age out, when the ledger says when',
    input: {
      orgUsage: { used: 600, max: 15_000 },
      callerCallsLast24h: 500,
      budget: { ...budget, callerShare: 500 },
      callerShareFreesAt: Date.parse('2025-03-01T15:42:00.000Z'),
    },
    expected: {
      action: 'pause',
      reason: 'CALLER_SHARE',
      detail: 'sfsync made 500 API calls in the last 24 h, its share is 500; enough of them age out of the rolling day by 2025-03-01T15:42:00.000Z',
      resumeAt: '2025-03-01T15:42:00.000Z',
    },
  },
  {
    name: 'pauses at the caller share for recheckMinutes when the ledger cannot say when',
    input: { orgUsage: undefined, callerCallsLast24h: 700, budget: { ...budget, callerShare: 500 } },
    expected: {
      action: 'pause',
      reason: 'CALLER_SHARE',
      detail: 'sfsync made 700 API calls in the last 24 h, its share is 500',
      resumeAt: inFive,
    },
  },
  {
    name: 'ignores a share release time that is already past',
    input: { orgUsage: undefined, callerCallsLast24h: 500, budget: { ...budget, callerShare: 500 }, callerShareFreesAt: NOW - 1 },
    expected: { action: 'pause', reason: 'CALLER_SHARE', detail: 'sfsync made 500 API calls in the last 24 h, its share is 500', resumeAt: inFive },
  },
  {
    name: 'reports both pauses under the org reason and resumes when the later one clears',
    input: {
      orgUsage: { used: 12_000, max: 15_000 },
      callerCallsLast24h: 9_000,
      budget: { ...budget, callerShare: 9_000 },
      callerShareFreesAt: Date.parse('2025-03-01T13:00:00.000Z'),
    },
    expected: {
      action: 'pause',
      reason: 'ORG_THRESHOLD',
      detail: 'org API usage 12,000 of 15,000 (80%) is at or above the throttle threshold of 75%; ' +
        'sfsync made 9,000 API calls in the last 24 h, its share is 9,000; enough of them age out of the rolling day by 2025-03-01T13:00:00.000Z',
      resumeAt: '2025-03-01T13:00:00.000Z',
    },
  },
  {
    name: 'honours a custom threshold and recheck interval',
    input: { orgUsage: { used: 81, max: 100 }, budget: { throttleAt: 0.8, recheckMinutes: 0.5 } },
    expected: {
      action: 'pause',
      reason: 'ORG_THRESHOLD',
      detail: 'org API usage 81 of 100 (81%) is at or above the throttle threshold of 80%',
      resumeAt: '2025-03-01T12:00:30.000Z',
    },
  },
  {
    name: 'treats an org without an allocation as unknown usage',
    input: { orgUsage: { used: 0, max: 0 } },
    expected: { action: 'proceed' },
  },
];

describe('decideBudget', () => {
  it.each(rows)('$name', ({ input, expected }) => {
    expect(decideBudget({ orgUsage: undefined, callerCallsLast24h: 0, budget, now: NOW, ...input })).toEqual(expected);
  });
});
