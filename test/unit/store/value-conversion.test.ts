import { describe, expect, it } from 'vitest';
import { fromCsvValue, fromRestValue, StoreError, type FieldSpec } from '../../../store/index.js';

const field = (type: string, name = 'Field__c'): FieldSpec => ({ name, type });

function conversionError(convert: () => unknown): StoreError {
  try {
    convert();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('expected a StoreError');
}

describe('fromRestValue and fromCsvValue', () => {
  // Each case: field type, REST JSON value, Bulk CSV cell, the one stored value both must give.
  const sameValue: Array<[string, unknown, string, unknown]> = [
    ['id', '001D000000IqhSLIAZ', '001D000000IqhSLIAZ', '001D000000IqhSLIAZ'],
    ['reference', null, '', null],
    ['string', 'Acme, "Inc."', 'Acme, "Inc."', 'Acme, "Inc."'],
    ['textarea', 'line 1\nline 2\r\nline 3', 'line 1\nline 2\r\nline 3', 'line 1\nline 2\r\nline 3'],
    ['string', 'Zürich 東京 Ñandú 🚀👩‍👩‍👧', 'Zürich 東京 Ñandú 🚀👩‍👩‍👧', 'Zürich 東京 Ñandú 🚀👩‍👩‍👧'],
    ['string', '  padded  ', '  padded  ', '  padded  '],
    ['string', '\\.', '\\.', '\\.'],
    ['string', 'NULL', 'NULL', 'NULL'],
    ['picklist', null, '', null],
    ['boolean', true, 'true', true],
    ['boolean', false, 'false', false],
    ['int', 42, '42', '42'],
    ['int', -2147483648, '-2147483648', '-2147483648'],
    ['double', 1200.5, '1200.5', '1200.5'],
    ['double', 1200.5, '1200.50', '1200.5'],
    ['currency', 0.1, '0.1', '0.1'],
    ['currency', -0.01, '-0.01', '-0.01'],
    ['percent', 33.333333, '33.333333', '33.333333'],
    ['double', 1e21, '1000000000000000000000', '1000000000000000000000'],
    ['double', 1.5e-7, '0.00000015', '0.00000015'],
    ['double', 0, '0.0', '0'],
    ['currency', '12345678901234567.89', '12345678901234567.89', '12345678901234567.89'],
    ['date', '2024-02-29', '2024-02-29', '2024-02-29'],
    ['date', '2000-02-29', '2000-02-29', '2000-02-29'],
    ['datetime', '2024-01-02T03:04:05.000+0000', '2024-01-02T03:04:05.000Z', '2024-01-02T03:04:05.000Z'],
    ['datetime', '2024-01-02T03:04:05.123+0000', '2024-01-02T03:04:05.123Z', '2024-01-02T03:04:05.123Z'],
    ['time', '13:45:00.000Z', '13:45:00.000Z', '13:45:00.000'],
    ['multipicklist', 'A;B;C', 'A;B;C', ['A', 'B', 'C']],
    ['multipicklist', 'Only', 'Only', ['Only']],
    ['multipicklist', null, '', null],
    ['encryptedstring', 'secret', 'secret', 'secret'],
    ['someFutureType', 'kept as text', 'kept as text', 'kept as text'],
  ];

  it.each(sameValue)('stores a %s sent as %j over REST and %j in CSV as the same value', (type, rest, csv, stored) => {
    expect(fromRestValue(field(type), rest)).toEqual(stored);
    expect(fromCsvValue(field(type), csv)).toEqual(stored);
  });

  it('stores empty text as null, as Salesforce does', () => {
    expect(fromRestValue(field('string'), '')).toBeNull();
    expect(fromCsvValue(field('string'), '')).toBeNull();
    expect(fromRestValue(field('textarea'), undefined)).toBeNull();
  });

  it('converts datetimes with any offset to the same UTC instant', () => {
    expect(fromRestValue(field('datetime'), '2024-01-02T01:04:05.000-02:00')).toBe('2024-01-02T03:04:05.000Z');
    expect(fromRestValue(field('datetime'), '2024-01-02T05:34:05+0230')).toBe('2024-01-02T03:04:05.000Z');
    expect(fromCsvValue(field('datetime'), '2023-12-31T23:30:00.5-01:00')).toBe('2024-01-01T00:30:00.500Z');
    expect(fromCsvValue(field('datetime'), '1700-01-01T00:00:00.000Z')).toBe('1700-01-01T00:00:00.000Z');
    expect(fromCsvValue(field('datetime'), '2024-01-02T03:04:05+00:00')).toBe('2024-01-02T03:04:05.000Z');
    expect(fromCsvValue(field('datetime'), '2024-03-01T00:30:00.000+01:00')).toBe('2024-02-29T23:30:00.000Z');
  });

  it('keeps numbers exact, never rounding through a double', () => {
    expect(fromCsvValue(field('currency'), '999999999999999999.99')).toBe('999999999999999999.99');
    expect(fromCsvValue(field('double'), '0.30000000000000004')).toBe('0.30000000000000004');
    expect(fromCsvValue(field('double'), '1.2005E3')).toBe('1200.5');
    expect(fromCsvValue(field('double'), '-0.000')).toBe('0');
    expect(fromCsvValue(field('double'), '+.5')).toBe('0.5');
    expect(fromRestValue(field('double'), 0.1 + 0.2)).toBe('0.30000000000000004');
  });

  it('keeps multi-select values with commas, quotes and braces as array elements', () => {
    expect(fromCsvValue(field('multipicklist'), 'a,b;"quoted";{braces};back\\slash')).toEqual(['a,b', '"quoted"', '{braces}', 'back\\slash']);
  });

  it('stores structured anyType values as JSON text and scalars as their text', () => {
    expect(fromRestValue(field('anyType'), { a: 1 })).toBe('{"a":1}');
    expect(fromRestValue(field('anyType'), 12.5)).toBe('12.5');
    expect(fromRestValue(field('anyType'), true)).toBe('true');
  });

  const rejected: Array<[string, 'rest' | 'csv', unknown]> = [
    ['boolean', 'csv', 'TRUE'],
    ['boolean', 'rest', 'true'],
    ['int', 'csv', '1.5'],
    ['int', 'csv', '2147483648'],
    ['int', 'rest', 1.5],
    ['double', 'csv', '1,5'],
    ['double', 'csv', ' 1'],
    ['double', 'csv', 'NaN'],
    ['double', 'rest', true],
    ['date', 'csv', '2023-02-29'],
    ['date', 'csv', '1900-02-29'],
    ['date', 'csv', '2024-04-31'],
    ['date', 'csv', '2024-01-02T00:00:00Z'],
    ['datetime', 'csv', '2024-01-02 03:04:05'],
    ['datetime', 'rest', '2024-13-02T03:04:05.000+0000'],
    ['datetime', 'rest', '2024-01-02T24:00:00.000Z'],
    ['time', 'csv', '25:00:00.000Z'],
    ['id', 'rest', 42],
    ['multipicklist', 'rest', ['A', 'B']],
  ];

  it.each(rejected)('refuses a %s given as %s value %j, naming the field', (type, format, value) => {
    const error = conversionError(() =>
      format === 'rest' ? fromRestValue(field(type, 'Bad__c'), value) : fromCsvValue(field(type, 'Bad__c'), value as string));
    expect(error.code).toBe('INVALID_VALUE');
    expect(error.field).toBe('Bad__c');
  });

  it('refuses fields that are not stored as columns', () => {
    expect(conversionError(() => fromRestValue(field('address', 'BillingAddress'), { city: 'Paris' })).code).toBe('UNKNOWN_FIELD');
    expect(conversionError(() => fromCsvValue(field('base64', 'Body'), 'abc')).code).toBe('UNKNOWN_FIELD');
  });
});
