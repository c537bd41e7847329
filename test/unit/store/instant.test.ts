import { describe, expect, it } from 'vitest';
import { instant } from '../../../store/instant.js';

describe('instant', () => {
  it.each([
    [new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 5)), '2024-02-29T23:59:59.005Z'],
    ['2024-03-04T05:06:07.089+0000', '2024-03-04T05:06:07.089Z'],
    ['2024-03-04T08:06:07+03:00', '2024-03-04T05:06:07.000Z'],
    ['2024-03-04T05:06:07.1Z', '2024-03-04T05:06:07.100Z'],
  ])('reads %s as %s', (input, canonical) => {
    expect(instant.parse(input)).toBe(canonical);
  });

  it.each([new Date(Number.NaN), '2024-02-30T00:00:00Z', '2024-03-04', 'now', 1_700_000_000_000])('refuses %s', (input) => {
    expect(instant.safeParse(input).success).toBe(false);
  });
});
