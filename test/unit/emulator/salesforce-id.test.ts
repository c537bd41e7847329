import { describe, expect, it } from 'vitest';
import { checksumSuffix, formatId, normalizeId, sequenceOf } from '../../../emulator/ids/salesforce-id.js';

describe('Salesforce IDs', () => {
  it.each([
    ['001D000000IqhSL', 'IAZ'],
    ['001D000000INjVe', 'IAL'],
    ['70130000001tcyI', 'AAQ'],
    ['00558000001N0Ke', 'AAK'],
    ['a0BA0000000L2ZC', 'MA0'],
    ['a0D30000001n7Pi', 'EAI'],
  ])('computes the case checksum of %s as %s', (id15, suffix) => {
    expect(checksumSuffix(id15)).toBe(suffix);
  });

  it('turns a 15-char ID into its 18-char form', () => {
    expect(normalizeId('001D000000IqhSL')).toBe('001D000000IqhSLIAZ');
  });

  it('restores the case of an 18-char ID typed in the wrong case', () => {
    expect(normalizeId('001d000000iqhsliaz')).toBe('001D000000IqhSLIAZ');
    expect(normalizeId('001D000000IQHSLIAZ')).toBe('001D000000IqhSLIAZ');
  });

  it('rejects IDs of the wrong length or with invalid characters', () => {
    expect(normalizeId('001D000000IqhS')).toBeNull();
    expect(normalizeId('001D000000IqhSL-AZ')).toBeNull();
    expect(normalizeId('')).toBeNull();
  });

  it('rejects an 18-char ID whose suffix marks a digit as upper case', () => {
    // Suffix 'B' sets bit 0 of the first chunk, whose first char is the digit 0.
    expect(normalizeId('001D000000IqhSLBAZ')).toBeNull();
  });

  it('mints IDs whose string order is their creation order, with a valid checksum', () => {
    const ids = [1, 61, 62, 3843, 238_327, 1_000_000].map((sequence) => formatId('001', sequence));
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) {
      expect(id).toHaveLength(18);
      expect(normalizeId(id)).toBe(id);
      expect(id.startsWith('001')).toBe(true);
    }
    expect(sequenceOf(formatId('a01', 123_456))).toBe(123_456);
  });
});
