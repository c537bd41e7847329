import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../store/index.js';
import { ACCOUNT_COLUMNS, ACCOUNT_FIELDS, checkpointAt, restAccount } from './fixtures.js';
import { DRIVERS, useStores } from './harness.js';

describe.each(DRIVERS)('ensureTable on %s', (kind) => {
  const { driver, newStore } = useStores(kind);

  async function columnTypes(schema: string, table: string): Promise<Record<string, string>> {
    const { rows } = await driver().query<{ name: string; type: string }>(
      `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
        WHERE attrelid = to_regclass($1::text) AND attnum > 0 AND NOT attisdropped`, [`"${schema}"."${table}"`]);
    return Object.fromEntries(rows.map((row) => [row.name, row.type]));
  }

  it('creates a table from a describe with the documented column types', async () => {
    const store = await newStore();
    const result = await store.ensureTable('Account', ACCOUNT_FIELDS);

    expect(result).toEqual({ table: `"${store.schema}"."Account"`, created: true, columns: ACCOUNT_COLUMNS, addedColumns: [] });
    expect(await columnTypes(store.schema, 'Account')).toEqual({
      Id: 'character varying(18)',
      IsDeleted: 'boolean',
      Name: 'text',
      Type: 'text',
      ParentId: 'character varying(18)',
      BillingStreet: 'text',
      BillingCity: 'text',
      BillingPostalCode: 'text',
      BillingCountry: 'text',
      BillingLatitude: 'numeric',
      BillingLongitude: 'numeric',
      AnnualRevenue: 'numeric',
      NumberOfEmployees: 'integer',
      Description: 'text',
      Interests__c: 'text[]',
      HQ__Latitude__s: 'numeric',
      HQ__Longitude__s: 'numeric',
      Founded__c: 'date',
      OpensAt__c: 'time without time zone',
      Score__c: 'numeric',
      CreatedDate: 'timestamp with time zone',
      SystemModstamp: 'timestamp with time zone',
      _sf_deleted_at: 'timestamp with time zone',
      _synced_at: 'timestamp with time zone',
    });
    const { rows } = await driver().query(
      `SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = to_regclass($1::text) AND i.indisprimary`, [result.table]);
    expect(rows).toEqual([{ attname: 'Id' }]);
  });

  it('changes nothing when the describe is unchanged', async () => {
    const store = await newStore();
    await store.ensureTable('Account', ACCOUNT_FIELDS);
    const before = await columnTypes(store.schema, 'Account');

    const again = await store.ensureTable('Account', ACCOUNT_FIELDS);

    expect(again).toMatchObject({ created: false, columns: ACCOUNT_COLUMNS, addedColumns: [] });
    expect(await columnTypes(store.schema, 'Account')).toEqual(before);
  });

  it('adds a column for a new field and keeps the rows already synced', async () => {
    const store = await newStore();
    await store.ensureTable('Account', ACCOUNT_FIELDS);
    await store.commitPage({ connection: 'prod', object: 'Account', records: [restAccount(1)], deleteMode: 'soft', checkpoint: checkpointAt(1, 1) });

    const result = await store.ensureTable('Account', [...ACCOUNT_FIELDS, { name: 'Tier__c', type: 'picklist' }]);
    await store.commitPage({ connection: 'prod', object: 'Account', records: [restAccount(2, { Tier__c: 'Gold' })], deleteMode: 'soft', checkpoint: checkpointAt(2, 2) });

    expect(result.addedColumns).toEqual(['Tier__c']);
    expect(result.columns.at(-1)).toBe('Tier__c');
    const rows = await store.readRows('Account');
    expect(rows.map((row) => [row.Id, row.Name !== null, row.Tier__c])).toEqual([
      [restAccount(1).Id, true, null],
      [restAccount(2).Id, true, 'Gold'],
    ]);
  });

  it('keeps the column and data of a field removed from Salesforce but stops selecting it', async () => {
    const store = await newStore();
    await store.ensureTable('Account', ACCOUNT_FIELDS);
    await store.commitPage({ connection: 'prod', object: 'Account', records: [restAccount(1)], deleteMode: 'soft', checkpoint: checkpointAt(1, 1) });

    const result = await store.ensureTable('Account', ACCOUNT_FIELDS.filter((field) => field.name !== 'Description'));

    expect(result.columns).not.toContain('Description');
    expect(await store.syncedFields('Account')).toContain('Description');
    expect((await store.readRows('Account'))[0]?.Description).toBe(restAccount(1).Description);
  });

  it('converts a column whose field type changed without losing its values', async () => {
    const store = await newStore();
    const fields = [
      { name: 'Id', type: 'id' }, { name: 'Seats__c', type: 'int' }, { name: 'Code__c', type: 'double' },
      { name: 'Tags__c', type: 'multipicklist' }, { name: 'Since__c', type: 'datetime' },
    ];
    await store.ensureTable('Thing__c', fields);
    await store.commitPage({
      connection: 'prod', object: 'Thing__c', deleteMode: 'soft', checkpoint: { watermark: null },
      records: [{ Id: 'a00000000000001AAA', Seats__c: 12, Code__c: 1.5, Tags__c: 'A;B', Since__c: '2024-01-02T03:04:05.000+0000' }],
    });

    await store.ensureTable('Thing__c', [
      { name: 'Id', type: 'id' }, { name: 'Seats__c', type: 'double' }, { name: 'Code__c', type: 'string' },
      { name: 'Tags__c', type: 'picklist' }, { name: 'Since__c', type: 'date' },
    ]);

    expect(await columnTypes(store.schema, 'Thing__c')).toMatchObject({ Seats__c: 'numeric', Code__c: 'text', Tags__c: 'text', Since__c: 'text' });
    expect(await store.readRows('Thing__c')).toEqual([{
      Id: 'a00000000000001AAA', Seats__c: '12', Code__c: '1.5', Tags__c: 'A;B', Since__c: '2024-01-02T03:04:05.000Z', _sf_deleted_at: null,
    }]);
  });

  it('matches existing columns case-insensitively, as Salesforce names are', async () => {
    const store = await newStore();
    await store.ensureTable('Account', ACCOUNT_FIELDS);

    const result = await store.ensureTable('Account', ACCOUNT_FIELDS.map((field) => ({ ...field, name: field.name.toUpperCase() })));

    expect(result.addedColumns).toEqual([]);
    expect(result.columns).toEqual(ACCOUNT_COLUMNS);
  });

  it('refuses object and field names that are not Salesforce API names', async () => {
    const store = await newStore();
    await expect(store.ensureTable('Account"; DROP SCHEMA public; --', ACCOUNT_FIELDS)).rejects.toMatchObject({ code: 'INVALID_IDENTIFIER' });
    await expect(store.ensureTable('Account', [...ACCOUNT_FIELDS, { name: 'Bad Name', type: 'string' }]))
      .rejects.toMatchObject({ code: 'INVALID_IDENTIFIER', field: 'Bad Name' });
    await expect(store.ensureTable('Account', ACCOUNT_FIELDS.filter((field) => field.name !== 'Id'))).rejects.toBeInstanceOf(StoreError);
    expect(await store.syncedFields('Account')).toEqual([]);
  });

  it('lets two stores create the same table at once', async () => {
    const first = await newStore();
    const second = await first.ensureTable('Contact', [{ name: 'Id', type: 'id' }]).then(() => first);
    const results = await Promise.all([
      second.ensureTable('Lead', [{ name: 'Id', type: 'id' }, { name: 'Email', type: 'email' }]),
      second.ensureTable('Lead', [{ name: 'Id', type: 'id' }, { name: 'Email', type: 'email' }]),
    ]);
    expect(results.map((result) => result.created).sort()).toEqual([false, true]);
  });
});
