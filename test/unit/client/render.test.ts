import { describe, expect, it } from 'vitest';
import { progressLine } from '../../../client/render/progress-line.js';
import { renderTable } from '../../../client/render/table.js';

describe('progressLine', () => {
  it('fills the bar in proportion to records processed over the expected count', () => {
    const line = progressLine({ object: 'Account', phase: 'reading', recordsProcessed: 1200, expectedCount: 4800, route: 'rest', apiCalls: 7 });
    expect(line).toContain('[######------------------]');
    expect(line).toContain('1200/4800');
    expect(line).toContain('25%');
    expect(line).toContain('api 7');
  });

  it('shows a full bar once done, even when fewer records arrived than were counted', () => {
    const line = progressLine({ object: 'Case', phase: 'done', recordsProcessed: 90, expectedCount: 100, route: 'rest', apiCalls: 2 });
    expect(line).toContain(`[${'#'.repeat(24)}]`);
    expect(line).toContain('100%');
  });

  it('shows an empty bar and a bare count before the window is counted', () => {
    const line = progressLine({ object: 'Lead', phase: 'planning', recordsProcessed: 0, expectedCount: null, route: null, apiCalls: 0 });
    expect(line).toContain(`[${'-'.repeat(24)}]`);
    expect(line).toMatch(/\s0\s+0%/);
  });
});

describe('renderTable', () => {
  it('aligns text left and numbers right under a ruled header', () => {
    const table = renderTable(['object', 'upserted'], [['Account', 1200], ['Invoice__c', 7]]);
    expect(table.split('\n')).toEqual([
      'object      upserted',
      '----------  --------',
      'Account         1200',
      'Invoice__c         7',
    ]);
  });
});
