import { describe, expect, it } from 'vitest';
import { arrayLiteral, csvLine, toSqlText } from '../../../store/sql-text.js';
import { assertApiName, qualifiedName, quoteIdent } from '../../../store/identifiers.js';

describe('toSqlText', () => {
  it('writes booleans, text, arrays and null as PostgreSQL input text', () => {
    expect(toSqlText(true)).toBe('true');
    expect(toSqlText(false)).toBe('false');
    expect(toSqlText('1200.5')).toBe('1200.5');
    expect(toSqlText(['A', 'B'])).toBe('{"A","B"}');
    expect(toSqlText(null)).toBeNull();
  });
});

describe('arrayLiteral', () => {
  it('quotes every element and escapes quotes and backslashes', () => {
    expect(arrayLiteral(['a,b', 'say "hi"', 'back\\slash', 'NULL', '{x}', ''])).toBe('{"a,b","say \\"hi\\"","back\\\\slash","NULL","{x}",""}');
  });

  it('writes null elements as NULL', () => {
    expect(arrayLiteral(['a', null])).toBe('{"a",NULL}');
  });
});

describe('csvLine', () => {
  it('quotes every value, doubles quotes and leaves null as an empty unquoted cell', () => {
    expect(csvLine(['a', null, '', 'say "hi"', 'x,y\nz'])).toBe('"a",,"","say ""hi""","x,y\nz"');
  });
});

describe('identifiers', () => {
  it('accepts Salesforce API names', () => {
    for (const name of ['Account', 'Custom__c', 'ns__Thing__c', 'Geo__Latitude__s', 'X1']) expect(assertApiName(name, 'field')).toBe(name);
  });

  it.each(['', '1Account', '_hidden', 'Robert"); DROP TABLE x;--', 'with space', 'Ünïcode', 'a'.repeat(64)])('refuses %j', (name) => {
    expect(() => assertApiName(name, 'object')).toThrow(/Invalid object name/);
  });

  it('quotes identifiers so that any string stays one identifier', () => {
    expect(quoteIdent('Account')).toBe('"Account"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(qualifiedName('salesforce', 'Account')).toBe('"salesforce"."Account"');
  });
});
