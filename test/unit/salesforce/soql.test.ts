import { describe, expect, it } from 'vitest';
import { dateLiteral, formatDatetime, ident, identList, quoteString, soql, soqlFragment } from '../../../salesforce/index.js';

describe('soql template', () => {
  it('quotes and escapes string values', () => {
    expect(soql`SELECT Id FROM ${ident('Account')} WHERE Name = ${"O'Brien"}`).toBe("SELECT Id FROM Account WHERE Name = 'O\\'Brien'");
  });

  it('cannot be broken out of by a crafted string', () => {
    const attack = "x' OR Name != 'y\\";
    expect(soql`SELECT Id FROM Account WHERE Name = ${attack}`).toBe("SELECT Id FROM Account WHERE Name = 'x\\' OR Name != \\'y\\\\'");
  });

  it('escapes backslashes, double quotes and control characters', () => {
    expect(quoteString('a\\b"c\nd\re\tf\bg\fh')).toBe("'a\\\\b\\\"c\\nd\\re\\tf\\bg\\fh'");
  });

  it('writes numbers, booleans and null unquoted', () => {
    expect(soql`WHERE A = ${42} AND B = ${-1.5} AND C = ${true} AND D = ${null} AND E = ${10n}`).toBe(
      'WHERE A = 42 AND B = -1.5 AND C = true AND D = null AND E = 10',
    );
  });

  it('rejects numbers SOQL cannot express', () => {
    expect(() => soql`WHERE A = ${Number.NaN}`).toThrow(TypeError);
    expect(() => soql`WHERE A = ${Infinity}`).toThrow(TypeError);
  });

  it('writes Dates as unquoted UTC datetimes, with milliseconds only when present', () => {
    expect(soql`WHERE SystemModstamp > ${new Date('2024-01-02T03:04:05Z')}`).toBe('WHERE SystemModstamp > 2024-01-02T03:04:05Z');
    expect(formatDatetime(new Date('2024-01-02T03:04:05.678+02:00'))).toBe('2024-01-02T01:04:05.678Z');
    expect(() => formatDatetime(new Date('nope'))).toThrow(TypeError);
  });

  it('writes date literals unquoted', () => {
    expect(soql`WHERE CloseDate = ${dateLiteral('2024-02-29')}`).toBe('WHERE CloseDate = 2024-02-29');
    expect(soql`WHERE CloseDate = ${dateLiteral(new Date('2024-02-29T23:00:00Z'))}`).toBe('WHERE CloseDate = 2024-02-29');
    expect(() => dateLiteral('2024-2-29')).toThrow(TypeError);
  });

  it('writes arrays as IN lists and refuses empty ones', () => {
    expect(soql`WHERE Id IN ${['001A', "b'c"]}`).toBe("WHERE Id IN ('001A', 'b\\'c')");
    expect(() => soql`WHERE Id IN ${[]}`).toThrow(TypeError);
  });

  it('accepts only real identifiers', () => {
    expect(identList(['Id', 'Owner.Name', 'ns__Field__c'])).toHaveProperty('text', 'Id, Owner.Name, ns__Field__c');
    expect(() => ident('Account WHERE Id != null')).toThrow(TypeError);
    expect(() => ident('')).toThrow(TypeError);
    expect(() => ident('1abc')).toThrow(TypeError);
  });

  it('embeds fragments verbatim and keeps their values quoted', () => {
    const filter = soqlFragment`Name LIKE ${'%acme%'}`;
    expect(soql`SELECT ${identList(['Id', 'Name'])} FROM Account WHERE ${filter}`).toBe("SELECT Id, Name FROM Account WHERE Name LIKE '%acme%'");
  });
});
