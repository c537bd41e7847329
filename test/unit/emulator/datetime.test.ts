import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../emulator/random.js';
import { formatDateTime, parseDateInput, parseDateTimeInput } from '../../../emulator/values/datetime.js';

describe('Salesforce datetime text', () => {
  it('formats as yyyy-MM-ddTHH:mm:ss.SSS+0000, agreeing with toISOString across the calendar', () => {
    const random = createRandom(3);
    const samples = [Date.UTC(1970, 0, 1), Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(2024, 11, 31, 12), Date.UTC(1900, 2, 1), Date.UTC(4000, 11, 31)];
    for (let i = 0; i < 2_000; i++) samples.push(random.int(Date.UTC(1700, 0, 1), Date.UTC(4000, 0, 1)));
    for (const sample of samples) expect(formatDateTime(sample)).toBe(new Date(sample).toISOString().replace('Z', '+0000'));
  });

  it('parses Z, +hh:mm and +hhmm offsets with or without milliseconds, and a bare date as midnight UTC', () => {
    const expected = Date.UTC(2024, 0, 2, 3, 4, 5);
    expect(parseDateTimeInput('2024-01-02T03:04:05Z')).toBe(expected);
    expect(parseDateTimeInput('2024-01-02T03:04:05.000+0000')).toBe(expected);
    expect(parseDateTimeInput('2024-01-02T05:04:05+02:00')).toBe(expected);
    expect(parseDateTimeInput('2024-01-01T19:04:05.000-0800')).toBe(expected);
    expect(parseDateTimeInput('2024-01-02')).toBe(Date.UTC(2024, 0, 2));
  });

  it('refuses impossible dates and datetimes without a zone', () => {
    expect(parseDateTimeInput('2023-02-29T00:00:00Z')).toBeNull();
    expect(parseDateTimeInput('2024-01-02T03:04:05')).toBeNull();
    expect(parseDateInput('2024-13-01')).toBeNull();
    expect(parseDateInput('2024-02-29T23:00:00-02:00')).toBe('2024-03-01');
  });
});
