import { describe, expect, it } from 'vitest';
import { windowCondition, windowQuery } from '../../../activities/sync/window-soql.js';

const incremental = { start: null, end: '2024-03-01T12:00:00.000Z', endExclusive: false };

describe('the read window in SOQL', () => {
  it('starts at the beginning of time when nothing is committed yet', () => {
    expect(windowCondition(null, incremental)).toBe('SystemModstamp <= 2024-03-01T12:00:00.000Z');
  });

  it('resumes after the watermark with the Id tie-breaker, so records sharing a SystemModstamp are not skipped', () => {
    const condition = windowCondition({ systemModstamp: '2024-02-01T00:00:00.000+0000', id: '001000000000001AAA' }, incremental);
    expect(condition).toBe(
      "(SystemModstamp > 2024-02-01T00:00:00.000Z OR (SystemModstamp = 2024-02-01T00:00:00.000Z AND Id > '001000000000001AAA'))" +
        ' AND SystemModstamp <= 2024-03-01T12:00:00.000Z',
    );
  });

  it('bounds a backfill slice as [from, to) until its first commit', () => {
    const slice = { start: '2024-01-01T00:00:00Z', end: '2024-01-08T00:00:00Z', endExclusive: true };
    expect(windowCondition(null, slice)).toBe('SystemModstamp >= 2024-01-01T00:00:00.000Z AND SystemModstamp < 2024-01-08T00:00:00.000Z');
  });

  it('orders by (SystemModstamp, Id), the order the watermark assumes', () => {
    expect(windowQuery('Account', ['Id', 'Name'], null, incremental)).toMatch(/^SELECT Id, Name FROM Account WHERE .* ORDER BY SystemModstamp ASC, Id ASC$/);
  });

  it('refuses a watermark Id that is not a Salesforce Id rather than splicing it into SOQL', () => {
    expect(() => windowCondition({ systemModstamp: '2024-02-01T00:00:00Z', id: "x' OR Name != '" }, incremental)).toThrow(/Not a Salesforce Id/);
  });
});
