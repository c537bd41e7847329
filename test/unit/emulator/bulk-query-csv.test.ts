import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { updateRecords, deleteRecords } from '../../../emulator/admin/org-mutations.js';
import { checkBulkQuery } from '../../../emulator/bulk/query-check.js';
import { compileQueryCsv } from '../../../emulator/bulk/query-csv.js';
import { QuerySnapshot } from '../../../emulator/bulk/query-snapshot.js';
import { createOrgFixture, NOW, type OrgFixture } from './org-fixture.js';

/** The whole result of a query as the CSV a Bulk job writes, LF line endings and commas. */
function bulkCsv(org: OrgFixture, soql: string, options: { apiVersion?: number; includeDeleted?: boolean } = {}): string {
  const snapshot = takeSnapshot(org, soql, options.includeDeleted ?? false);
  return csvOf(org, soql, snapshot, options.apiVersion ?? 62);
}

function takeSnapshot(org: OrgFixture, soql: string, includeDeleted = false): QuerySnapshot {
  const plan = checkBulkQuery(org.store.schema, soql, NOW);
  return QuerySnapshot.take(org.store, soql, includeDeleted, plan.columns);
}

function csvOf(org: OrgFixture, soql: string, snapshot: QuerySnapshot, apiVersion = 62): string {
  const csv = compileQueryCsv(checkBulkQuery(org.store.schema, soql, NOW).columns, apiVersion);
  const lines = [csv.header(',')];
  for (let index = 0; index < snapshot.size; index++) lines.push(csv.row(snapshot.row(index), (id) => snapshot.parent(id), ','));
  return `${lines.join('\n')}\n`;
}

describe('Bulk query result CSV', () => {
  let org: OrgFixture;
  let acme: string;
  let blank: string;

  beforeEach(() => {
    org = createOrgFixture();
    [acme, blank] = org.insert('Account', [
      {
        Name: 'Acme "Rocket", Inc.\nSecond line', NumberOfEmployees: 50, BillingLatitude: 52.2297, Is_Partner__c: true,
        Customer_Since__c: '2020-02-29', Segments__c: 'SMB;Enterprise', Description: 'Łódź — 東京 — 🚀', CreatedDate: '2021-08-31T01:31:13Z',
      },
      { Name: 'Blank', CreatedDate: '2021-09-01T00:00:00.000+02:00' },
    ]) as [string, string];
    org.insert('Contact', [{ LastName: 'Smith', AccountId: acme }, { LastName: 'Orphan' }]);
  });

  it('quotes every header and value, doubles quotes, keeps line breaks and writes null as ""', () => {
    const text = bulkCsv(org, 'SELECT Id, Name, NumberOfEmployees, BillingLatitude, Is_Partner__c, Customer_Since__c, Segments__c, Description, CreatedDate FROM Account ORDER BY Name');
    expect(text).toBe([
      '"Id","Name","NumberOfEmployees","BillingLatitude","Is_Partner__c","Customer_Since__c","Segments__c","Description","CreatedDate"',
      `"${acme}","Acme ""Rocket"", Inc.\nSecond line","50","52.2297","true","2020-02-29","SMB;Enterprise","Łódź — 東京 — 🚀","2021-08-31T01:31:13.000Z"`,
      `"${blank}","Blank","","","false","","","","2021-08-31T22:00:00.000Z"`,
      '',
    ].join('\n'));
  });

  it('parses back with a real CSV parser to the stored values', () => {
    const rows = parse<Record<string, string>>(bulkCsv(org, 'SELECT Name, Description FROM Account ORDER BY Name'), { columns: true });
    expect(rows).toEqual([
      { Name: 'Acme "Rocket", Inc.\nSecond line', Description: 'Łódź — 東京 — 🚀' },
      { Name: 'Blank', Description: '' },
    ]);
  });

  it('flattens parent fields into dotted columns, "" when the lookup is empty', () => {
    expect(bulkCsv(org, 'SELECT LastName, Account.Name, Account.Owner.Alias FROM Contact ORDER BY LastName')).toBe([
      '"LastName","Account.Name","Account.Owner.Alias"',
      '"Orphan","",""',
      `"Smith","Acme ""Rocket"", Inc.\nSecond line","${readAlias(org)}"`,
      '',
    ].join('\n'));
  });

  it('keeps the SELECT order from v50.0 and sorts columns by name before', () => {
    const soql = 'SELECT Name, Id, AnnualRevenue FROM Account WHERE Name = \'Blank\'';
    expect(bulkCsv(org, soql, { apiVersion: 50 }).split('\n')[0]).toBe('"Name","Id","AnnualRevenue"');
    expect(bulkCsv(org, soql, { apiVersion: 49 }).split('\n')[0]).toBe('"AnnualRevenue","Id","Name"');
  });

  it('writes only the header row when nothing matches', () => {
    expect(bulkCsv(org, "SELECT Id, Name FROM Account WHERE Name = 'nobody'")).toBe('"Id","Name"\n');
  });

  it('keeps the rows, values and parents of the moment the query ran, whatever changes afterwards', () => {
    const soql = 'SELECT Id, LastName, Account.Name FROM Contact ORDER BY LastName';
    const snapshot = takeSnapshot(org, soql);
    const before = csvOf(org, soql, snapshot);
    const smith = org.rows("SELECT Id FROM Contact WHERE LastName = 'Smith'")[0]?.['Id'] as string;
    updateRecords(org.store, org.store.schema.object('Account')!, [{ Id: acme, Name: 'Renamed' }], org.userId);
    updateRecords(org.store, org.store.schema.object('Contact')!, [{ Id: smith, LastName: 'Jones' }], org.userId);
    org.insert('Contact', [{ LastName: 'Newcomer' }]);
    deleteRecords(org.store, org.store.schema.object('Contact')!, [smith], org.userId);
    expect(csvOf(org, soql, snapshot)).toBe(before);
    expect(before).toContain('"Smith","Acme');
    expect(csvOf(org, soql, takeSnapshot(org, soql))).not.toBe(before);
  });

  it('includes recycle-bin rows for queryAll, with IsDeleted true', () => {
    deleteRecords(org.store, org.store.schema.object('Account')!, [blank], org.userId);
    const soql = 'SELECT Id, IsDeleted FROM Account ORDER BY Id';
    expect(bulkCsv(org, soql)).toBe(`"Id","IsDeleted"\n"${acme}","false"\n`);
    expect(bulkCsv(org, soql, { includeDeleted: true })).toBe(`"Id","IsDeleted"\n"${acme}","false"\n"${blank}","true"\n`);
  });
});

function readAlias(org: OrgFixture): string {
  const alias = org.rows(`SELECT Alias FROM User WHERE Id = '${org.userId}'`)[0]?.['Alias'];
  if (typeof alias !== 'string' || alias === '') throw new Error('the integration user has no alias');
  return alias;
}
