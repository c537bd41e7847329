import { describe, expect, it } from 'vitest';
import { relativeDateRange } from '../../../emulator/soql/date-literals.js';

// Wednesday 2024-05-15T13:00:00Z
const NOW = Date.UTC(2024, 4, 15, 13);
const day = (month: number, date: number, year = 2024): number => Date.UTC(year, month - 1, date);

describe('relative date literals', () => {
  it.each([
    ['TODAY', null, day(5, 15), day(5, 16)],
    ['YESTERDAY', null, day(5, 14), day(5, 15)],
    ['LAST_N_DAYS', 7, day(5, 8), day(5, 16)],
    ['NEXT_N_DAYS', 2, day(5, 16), day(5, 18)],
    ['N_DAYS_AGO', 3, day(5, 12), day(5, 13)],
    ['THIS_WEEK', null, day(5, 12), day(5, 19)],
    ['LAST_WEEK', null, day(5, 5), day(5, 12)],
    ['THIS_MONTH', null, day(5, 1), day(6, 1)],
    ['LAST_N_MONTHS', 2, day(3, 1), day(5, 1)],
    ['THIS_QUARTER', null, day(4, 1), day(7, 1)],
    ['NEXT_QUARTER', null, day(7, 1), day(10, 1)],
    ['LAST_YEAR', null, day(1, 1, 2023), day(1, 1, 2024)],
    ['THIS_FISCAL_YEAR', null, day(1, 1), day(1, 1, 2025)],
  ])('%s:%s covers [start, end)', (name, n, start, end) => {
    expect(relativeDateRange(name, n, NOW)).toEqual({ start, end });
  });

  it('refuses unknown names and a missing or extra :n', () => {
    expect(relativeDateRange('SOMEDAY', null, NOW)).toBeNull();
    expect(relativeDateRange('LAST_N_DAYS', null, NOW)).toBeNull();
    expect(relativeDateRange('TODAY', 3, NOW)).toBeNull();
  });
});
