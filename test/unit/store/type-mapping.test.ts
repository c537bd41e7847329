import { describe, expect, it } from 'vitest';
import { columnChange, columnKindFor, kindOfSqlType, SQL_TYPES } from '../../../store/type-mapping.js';

describe('columnKindFor', () => {
  it.each([
    ['id', 'id'], ['reference', 'id'],
    ['string', 'text'], ['textarea', 'text'], ['email', 'text'], ['phone', 'text'], ['url', 'text'],
    ['picklist', 'text'], ['combobox', 'text'], ['encryptedstring', 'text'], ['anyType', 'text'], ['brandNewType', 'text'],
    ['boolean', 'boolean'], ['int', 'integer'], ['long', 'bigint'],
    ['double', 'numeric'], ['currency', 'numeric'], ['percent', 'numeric'],
    ['date', 'date'], ['datetime', 'timestamptz'], ['time', 'time'], ['multipicklist', 'text[]'],
  ])('stores a %s field as %s', (type, kind) => {
    expect(columnKindFor({ name: 'F', type })).toBe(kind);
  });

  it.each(['address', 'location', 'base64'])('stores no column for a %s field', (type) => {
    expect(columnKindFor({ name: 'F', type })).toBeNull();
  });
});

describe('kindOfSqlType', () => {
  it('reads back the kind of every column type it creates', () => {
    for (const [kind, sqlType] of Object.entries(SQL_TYPES)) expect(kindOfSqlType(sqlType)).toBe(kind);
  });

  it('does not claim column types it never creates', () => {
    expect(kindOfSqlType('character varying(255)')).toBeNull();
    expect(kindOfSqlType('jsonb')).toBeNull();
  });
});

describe('columnChange', () => {
  it('keeps a column whose type did not change', () => {
    expect(columnChange('numeric', 'numeric')).toBeNull();
  });

  it('widens numbers and ids losslessly', () => {
    expect(columnChange('integer', 'numeric')).toBe('numeric');
    expect(columnChange('integer', 'bigint')).toBe('bigint');
    expect(columnChange('bigint', 'numeric')).toBe('numeric');
    expect(columnChange('id', 'text')).toBe('text');
  });

  it('keeps a wider column when the field narrows', () => {
    expect(columnChange('numeric', 'integer')).toBeNull();
    expect(columnChange('text', 'boolean')).toBeNull();
    expect(columnChange('text', 'id')).toBeNull();
  });

  it('turns other changes into text, which holds any value', () => {
    expect(columnChange('text[]', 'text')).toBe('text');
    expect(columnChange('numeric', 'date')).toBe('text');
    expect(columnChange('boolean', 'integer')).toBe('text');
    expect(columnChange('timestamptz', 'date')).toBe('text');
  });

  it('leaves alone a column whose type was changed by hand', () => {
    expect(columnChange(null, 'text')).toBeNull();
  });
});
