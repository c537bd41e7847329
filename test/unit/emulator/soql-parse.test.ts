import { describe, expect, it } from 'vitest';
import { parseSoql } from '../../../emulator/soql/parser.js';
import { SoqlError } from '../../../emulator/soql/soql-error.js';

function parseError(soql: string): SoqlError {
  try {
    parseSoql(soql);
  } catch (error) {
    if (error instanceof SoqlError) return error;
    throw error;
  }
  throw new Error(`expected ${soql} to fail`);
}

describe('SOQL parser', () => {
  it('parses the keyset paging query of the sync engine', () => {
    const query = parseSoql(
      "SELECT Id, Name, Account.Owner.Name FROM Contact WHERE (SystemModstamp > 2024-01-01T00:00:00.000Z OR (SystemModstamp = 2024-01-01T00:00:00.000Z AND Id > '003000000000001')) AND SystemModstamp <= 2024-02-01T00:00:00Z ORDER BY SystemModstamp ASC, Id ASC LIMIT 10 OFFSET 5",
    );
    expect(query.select).toHaveLength(3);
    expect(query.select[2]).toMatchObject({ kind: 'field', path: { parts: ['Account', 'Owner', 'Name'] } });
    expect(query.where?.kind).toBe('and');
    expect(query.orderBy.map((item) => [item.path.parts[0], item.descending])).toEqual([['SystemModstamp', false], ['Id', false]]);
    expect(query.limit).toBe(10);
    expect(query.offset?.value).toBe(5);
  });

  it('reads every literal form: strings with escapes, numbers, booleans, null, dates, datetimes and date literals', () => {
    const query = parseSoql(
      "SELECT Id FROM Account WHERE Name IN ('O\\'Brien', 'a\\\\b') AND NumberOfEmployees > -5 AND AnnualRevenue < 1.5 AND Is_Partner__c = true AND ParentId = null AND Customer_Since__c >= 2024-01-31 AND CreatedDate < 2024-01-01T10:00:00+02:00 AND LastModifiedDate = LAST_N_DAYS:7 AND SystemModstamp = TODAY",
    );
    const items = query.where?.kind === 'and' ? query.where.items : [];
    const values = items.map((item) => (item.kind === 'compare' ? item.value : item.kind === 'in' ? item.values : null));
    expect(values[0]).toMatchObject([{ kind: 'string', value: "O'Brien" }, { kind: 'string', value: 'a\\b' }]);
    expect(values[1]).toMatchObject({ kind: 'number', value: -5 });
    expect(values[2]).toMatchObject({ kind: 'number', value: 1.5 });
    expect(values[3]).toMatchObject({ kind: 'boolean', value: true });
    expect(values[4]).toMatchObject({ kind: 'null' });
    expect(values[5]).toMatchObject({ kind: 'date', value: '2024-01-31' });
    expect(values[6]).toMatchObject({ kind: 'datetime', value: Date.UTC(2024, 0, 1, 8) });
    expect(values[7]).toMatchObject({ kind: 'relative', name: 'LAST_N_DAYS', n: 7 });
    expect(values[8]).toMatchObject({ kind: 'relative', name: 'TODAY', n: null });
  });

  it('reports a parse error as MALFORMED_QUERY with the caret diagram', () => {
    const error = parseError('SELECT Id FRM Account');
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toBe("\nSELECT Id FRM Account\n          ^\nERROR at Row:1:Column:11\nunexpected token: 'FRM'");
  });

  it('refuses AND and OR mixed without parentheses', () => {
    const error = parseError("SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'");
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toContain("unexpected token: 'OR'");
  });

  it('reports the end of input as <EOF>', () => {
    expect(parseError('SELECT Id FROM Account WHERE').message).toContain("unexpected token: '<EOF>'");
  });

  it('refuses an empty statement', () => {
    expect(parseError('  ').message).toBe('SOQL statements cannot be empty or null');
  });
});
