import { beforeAll, describe, expect, it } from 'vitest';
import { executeQuery } from '../../../emulator/soql/execute-query.js';
import { SoqlError } from '../../../emulator/soql/soql-error.js';
import { createOrgFixture, NOW, type OrgFixture } from './org-fixture.js';

function queryError(org: OrgFixture, soql: string): SoqlError {
  try {
    executeQuery(org.store, soql, false);
  } catch (error) {
    if (error instanceof SoqlError) return error;
    throw error;
  }
  throw new Error(`expected ${soql} to fail`);
}

describe('SOQL query semantics', () => {
  let org: OrgFixture;
  let acme: string;

  beforeAll(() => {
    org = createOrgFixture();
    [acme] = org.insert('Account', [
      { Name: 'Acme, Inc.', Industry: 'Banking', NumberOfEmployees: 50, Segments__c: 'SMB;Enterprise', CreatedDate: '2024-05-31T10:00:00Z' },
      { Name: 'globex 50%', Industry: null, NumberOfEmployees: 10, Segments__c: 'Strategic', CreatedDate: '2024-01-15T00:00:00Z' },
      { Name: 'Initech', Industry: 'Retail', NumberOfEmployees: null, CreatedDate: '2023-12-31T23:59:59Z' },
    ]) as [string];
    org.insert('Contact', [
      { LastName: 'Smith', AccountId: acme },
      { LastName: "O'Brien" },
    ]);
  });

  it('compares text case-insensitively and reads parent fields, null when the lookup is empty', () => {
    const rows = org.rows("SELECT LastName, Account.Name FROM Contact WHERE LastName IN ('SMITH', 'o\\'brien', 'x') ORDER BY LastName");
    expect(rows.map((row) => [row['LastName'], (row['Account'] as Record<string, unknown> | null)?.['Name'] ?? null])).toEqual([
      ["O'Brien", null],
      ['Smith', 'Acme, Inc.'],
    ]);
    expect(rows[1]?.['Account']).toMatchObject({ attributes: { type: 'Account' } });
  });

  it('treats % and _ as wildcards in LIKE unless escaped', () => {
    expect(org.rows("SELECT Name FROM Account WHERE Name LIKE 'ACME%'").map((row) => row['Name'])).toEqual(['Acme, Inc.']);
    expect(org.rows("SELECT Name FROM Account WHERE Name LIKE '%50\\%'").map((row) => row['Name'])).toEqual(['globex 50%']);
    expect(org.rows("SELECT Name FROM Account WHERE Name LIKE 'Init_ch'")).toHaveLength(1);
  });

  it('lets != and NOT IN match nulls while ordering operators never do', () => {
    expect(org.rows("SELECT Name FROM Account WHERE Industry != 'Banking' ORDER BY Name")).toHaveLength(2);
    expect(org.rows("SELECT Name FROM Account WHERE Industry NOT IN ('Banking')")).toHaveLength(2);
    expect(org.rows('SELECT Name FROM Account WHERE NumberOfEmployees < 100')).toHaveLength(2);
    expect(org.rows('SELECT Name FROM Account WHERE Industry = null').map((row) => row['Name'])).toEqual(['globex 50%']);
  });

  it('matches multi-select picklists with INCLUDES and EXCLUDES', () => {
    expect(org.rows("SELECT Name FROM Account WHERE Segments__c INCLUDES ('enterprise;smb')").map((row) => row['Name'])).toEqual(['Acme, Inc.']);
    expect(org.rows("SELECT Name FROM Account WHERE Segments__c EXCLUDES ('SMB')")).toHaveLength(2);
  });

  it('evaluates relative date literals against the emulator clock', () => {
    expect(org.rows('SELECT Name FROM Account WHERE CreatedDate = LAST_N_DAYS:2').map((row) => row['Name'])).toEqual(['Acme, Inc.']);
    expect(org.rows('SELECT Name FROM Account WHERE CreatedDate = THIS_YEAR')).toHaveLength(2);
    expect(org.rows('SELECT Name FROM Account WHERE CreatedDate < THIS_YEAR').map((row) => row['Name'])).toEqual(['Initech']);
    expect(NOW).toBe(Date.UTC(2024, 5, 1));
  });

  it('orders with nulls first by default, NULLS LAST on request, and applies LIMIT and OFFSET', () => {
    expect(org.rows('SELECT Name FROM Account ORDER BY NumberOfEmployees').map((row) => row['Name'])).toEqual(['Initech', 'globex 50%', 'Acme, Inc.']);
    expect(org.rows('SELECT Name FROM Account ORDER BY NumberOfEmployees DESC NULLS LAST LIMIT 2').map((row) => row['Name'])).toEqual(['Acme, Inc.', 'globex 50%']);
    expect(org.rows('SELECT Name FROM Account ORDER BY Name LIMIT 5 OFFSET 1').map((row) => row['Name'])).toEqual(['globex 50%', 'Initech']);
  });

  it('answers COUNT() with a total and COUNT(field) with an AggregateResult row', () => {
    expect(org.count('SELECT COUNT() FROM Account WHERE NumberOfEmployees != null')).toBe(2);
    const execution = executeQuery(org.store, 'SELECT COUNT(Id) total, COUNT(Industry) FROM Account', false);
    expect(execution).toEqual({ kind: 'aggregate', row: { attributes: { type: 'AggregateResult' }, total: 3, expr1: 2 } });
  });

  it('shows recycle-bin records to queryAll only', () => {
    const [doomed] = org.insert('Lead', [{ LastName: 'Gone', Company: 'Tmp', IsDeleted: true }]);
    expect(org.rows(`SELECT Id FROM Lead WHERE Id = '${doomed}'`)).toEqual([]);
    expect(org.rows(`SELECT Id, IsDeleted FROM Lead WHERE Id = '${doomed}'`, { includeDeleted: true })).toMatchObject([{ Id: doomed, IsDeleted: true }]);
  });

  it('formats datetimes as .000+0000 and keeps compound addresses as objects', () => {
    const [row] = org.rows("SELECT CreatedDate, BillingAddress FROM Account WHERE Name = 'Initech'");
    expect(row?.['CreatedDate']).toBe('2023-12-31T23:59:59.000+0000');
    expect(row?.['BillingAddress']).toBeNull();
  });

  it.each([
    ['SELECT Id FROM Accountz', 'INVALID_TYPE', "sObject type 'Accountz' is not supported."],
    ['SELECT Id, Foo__c FROM Account', 'INVALID_FIELD', "\nSELECT Id, Foo__c FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column 'Foo__c' on entity 'Account'."],
    ['SELECT Parentz.Name FROM Account', 'INVALID_FIELD', "Didn't understand relationship 'Parentz' in field path."],
    ["SELECT Id FROM Account WHERE CreatedDate > '2020-01-01'", 'INVALID_FIELD', "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes"],
    ['SELECT Id FROM Account WHERE Name = 5', 'INVALID_FIELD', "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes"],
    ["SELECT Id FROM Account WHERE Id = 'xyz'", 'INVALID_QUERY_FILTER_OPERATOR', 'invalid ID field: xyz'],
    ['SELECT Id, id FROM Account', 'MALFORMED_QUERY', 'duplicate field selected: Id'],
    ['SELECT Id FROM Account LIMIT 5 OFFSET 2001', 'NUMBER_OUTSIDE_VALID_RANGE', 'Maximum SOQL offset allowed is 2000'],
    ['SELECT Id FROM Account ORDER BY Segments__c', 'INVALID_FIELD', "field 'Segments__c' can not be sorted in a query call"],
    ["SELECT Id FROM Account WHERE Name INCLUDES ('a')", 'INVALID_FIELD', 'includes or excludes operator only valid on multipicklist field'],
  ])('rejects %s with %s', (soql, errorCode, message) => {
    const error = queryError(org, soql);
    expect(error.errorCode).toBe(errorCode);
    expect(error.message).toContain(message);
  });
});
