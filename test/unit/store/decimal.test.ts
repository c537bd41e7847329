import { describe, expect, it } from 'vitest';
import { canonicalDecimal } from '../../../store/decimal.js';

describe('canonicalDecimal', () => {
  it.each([
    ['0', '0'],
    ['007', '7'],
    ['-0', '0'],
    ['1200.500', '1200.5'],
    ['1.', '1'],
    ['.25', '0.25'],
    ['-12.340', '-12.34'],
    ['1e3', '1000'],
    ['1.5E-3', '0.0015'],
    ['-2.5e+2', '-250'],
    ['123456789012345678901234567890.123456789', '123456789012345678901234567890.123456789'],
    ['5e-324', `0.${'0'.repeat(323)}5`],
  ])('writes %s as %s', (input, canonical) => {
    expect(canonicalDecimal(input)).toBe(canonical);
  });

  it.each(['', '.', '-', 'e5', '1e', '1.2.3', '0x10', 'Infinity', '1_000', '1e1001'])('rejects %j', (input) => {
    expect(canonicalDecimal(input)).toBeNull();
  });
});
