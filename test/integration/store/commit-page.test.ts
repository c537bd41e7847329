import { describe, expect, it } from 'vitest';
import { createStore, type Driver, type Store } from '../../../store/index.js';
import { pino } from 'pino';
import { accountId, ACCOUNT_FIELDS, checkpointAt, csvAccount, expectedRow, modstamp, restAccount } from './fixtures.js';
import { DRIVERS, useStores } from './harness.js';

describe.each(DRIVERS)('commitPage on %s', (kind) => {
  const { driver, newStore } = useStores(kind);

  async function accountStore(): Promise<Store> {
    const store = await newStore();
    await store.ensureTable('Account', ACCOUNT_FIELDS);
    return store;
  }

  const page = (records: Record<string, unknown>[], second: number, deleteMode: 'soft' | 'hard' = 'soft') => ({
    connection: 'prod', object: 'Account', records, deleteMode, checkpoint: checkpointAt(second, second),
  });
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('upserts a page and advances the watermark with it', async () => {
    const store = await accountStore();
    const records = range(1, 3).map((n) => restAccount(n));

    const result = await store.commitPage({ ...page(records, 3), stats: { apiCalls: 2 } });

    expect(result).toEqual({ upserted: 3, deleted: 0 });
    expect(await store.readRows('Account')).toEqual(records.map((record) => expectedRow(record)));
    expect(await store.readSyncState('prod', 'Account')).toMatchObject({
      watermark: { systemModstamp: '2024-01-01T00:00:03.000Z', id: accountId(3) },
      bulk: null, windowEnd: null, totalUpserted: 3, totalDeleted: 0, pagesCommitted: 1, apiCalls: 2,
    });
  });

  it('yields the same table when the same page is committed again', async () => {
    const store = await accountStore();
    const records = range(1, 150).map((n) => restAccount(n));
    await store.commitPage(page(records, 150));
    const first = await store.readRows('Account');

    const again = await store.commitPage(page(records, 150));

    expect(again).toEqual({ upserted: 150, deleted: 0 });
    expect(await store.readRows('Account')).toEqual(first);
    expect(first).toHaveLength(150);
  });

  it('updates changed records in place', async () => {
    const store = await accountStore();
    await store.commitPage(page([restAccount(1), restAccount(2)], 2));

    await store.commitPage(page([restAccount(1, { Name: 'Renamed', NumberOfEmployees: null, SystemModstamp: modstamp(10) })], 10));

    const rows = await store.readRows('Account');
    expect(rows[0]).toMatchObject({ Name: 'Renamed', NumberOfEmployees: null, SystemModstamp: '2024-01-01T00:00:10.000Z' });
    expect(rows[1]).toEqual(expectedRow(restAccount(2)));
  });

  it('never lets an older version of a record overwrite a newer one', async () => {
    const store = await accountStore();
    await store.commitPage(page([restAccount(1, { Name: 'New', SystemModstamp: modstamp(20) })], 20));

    const stale = await store.commitPage(page([restAccount(1, { Name: 'Old', SystemModstamp: modstamp(5) })], 5));

    expect(stale.upserted).toBe(0);
    expect((await store.readRows('Account'))[0]?.Name).toBe('New');
  });

  it('keeps the latest version when a page holds one Id twice', async () => {
    const store = await accountStore();
    const newer = restAccount(1, { Name: 'Newer', SystemModstamp: modstamp(9) });

    await store.commitPage(page([newer, restAccount(1, { Name: 'Older', SystemModstamp: modstamp(8) })], 9));

    expect((await store.readRows('Account')).map((row) => row.Name)).toEqual(['Newer']);
  });

  it('soft-deletes by keeping the row with IsDeleted and the deletion time', async () => {
    const store = await accountStore();
    await store.commitPage(page([restAccount(1), restAccount(2)], 2));

    const result = await store.commitPage(page([restAccount(1, { IsDeleted: true, SystemModstamp: modstamp(30) })], 30));

    expect(result).toEqual({ upserted: 0, deleted: 1 });
    const [deleted, kept] = await store.readRows('Account');
    expect(deleted).toMatchObject({ Id: accountId(1), IsDeleted: true, _sf_deleted_at: '2024-01-01T00:00:30.000Z' });
    expect(kept).toMatchObject({ Id: accountId(2), IsDeleted: false, _sf_deleted_at: null });
    expect(await store.readSyncState('prod', 'Account')).toMatchObject({ totalUpserted: 2, totalDeleted: 1, pagesCommitted: 2 });
  });

  it('revives a soft-deleted row when the record is undeleted', async () => {
    const store = await accountStore();
    await store.commitPage(page([restAccount(1, { IsDeleted: true, SystemModstamp: modstamp(30) })], 30));

    await store.commitPage(page([restAccount(1, { SystemModstamp: modstamp(40) })], 40));

    expect((await store.readRows('Account'))[0]).toMatchObject({ IsDeleted: false, _sf_deleted_at: null });
  });

  it('hard-deletes rows, and deleting again is harmless', async () => {
    const store = await accountStore();
    await store.commitPage(page([restAccount(1), restAccount(2)], 2));
    const deletion = page([{ Id: accountId(1), IsDeleted: true, SystemModstamp: modstamp(30) }], 30, 'hard');

    expect(await store.commitPage(deletion)).toEqual({ upserted: 0, deleted: 1 });
    expect(await store.commitPage(deletion)).toEqual({ upserted: 0, deleted: 0 });
    expect((await store.readRows('Account')).map((row) => row.Id)).toEqual([accountId(2)]);
  });

  it('does not hard-delete a row changed after the deletion', async () => {
    const store = await accountStore();
    await store.commitPage(page([restAccount(1, { SystemModstamp: modstamp(50) })], 50));

    await store.commitPage(page([{ Id: accountId(1), IsDeleted: true, SystemModstamp: modstamp(30) }], 30, 'hard'));

    expect(await store.readRows('Account')).toHaveLength(1);
  });

  it.each([['one INSERT', 5], ['COPY', 150]])('commits neither rows nor watermark when a row of a %s page fails', async (_path, size) => {
    const store = await accountStore();
    await store.commitPage(page([restAccount(1)], 1));
    const records = range(2, size + 1).map((n) => restAccount(n));
    records[size - 1] = restAccount(size + 1, { Id: `${accountId(size + 1)}X` }); // 19 characters: too long for the Id column

    await expect(store.commitPage(page(records, 500))).rejects.toThrow();

    expect((await store.readRows('Account')).map((row) => row.Id)).toEqual([accountId(1)]);
    expect(await store.readSyncState('prod', 'Account')).toMatchObject({ watermark: { systemModstamp: '2024-01-01T00:00:01.000Z', id: accountId(1) }, pagesCommitted: 1 });
  });

  it('rolls back the rows when the watermark update fails', async () => {
    const store = await accountStore();
    await store.commitPage(page([restAccount(1)], 1));
    const failing = await createStore(failStateWrites(driver()), { schema: store.schema, logger: pino({ enabled: false }) });

    await expect(failing.commitPage(page(range(2, 200).map((n) => restAccount(n)), 200))).rejects.toThrow('injected');

    expect(await store.readRows('Account')).toHaveLength(1);
    expect((await store.readSyncState('prod', 'Account'))?.watermark).toEqual({ systemModstamp: '2024-01-01T00:00:01.000Z', id: accountId(1) });
  });

  it('loads a 2,000-record page of hostile strings exactly, through COPY', async () => {
    const store = await accountStore();
    const records = range(1, 2000).map((n) => restAccount(n));

    expect(await store.commitPage(page(records, 2000))).toEqual({ upserted: 2000, deleted: 0 });

    expect(await store.readRows('Account')).toEqual(records.map((record) => expectedRow(record)));
  });

  it('loads pages above 100 rows with COPY and smaller ones with a single INSERT', async () => {
    const store = await accountStore();
    const statements: string[] = [];
    const spy = await createStore(recordStatements(driver(), statements), { schema: store.schema, logger: pino({ enabled: false }) });

    await spy.commitPage(page(range(1, 100).map((n) => restAccount(n)), 100));
    const small = statements.splice(0);
    await spy.commitPage(page(range(101, 101 + 2000).map((n) => restAccount(n)), 2101));

    expect(small.filter((sql) => sql.startsWith('INSERT INTO'))).toHaveLength(2); // the rows, then the sync state
    expect(small.some((sql) => sql.startsWith('COPY'))).toBe(false);
    expect(statements.filter((sql) => sql.startsWith('COPY'))).toHaveLength(1);
    expect(await store.readRows('Account')).toHaveLength(2101);
  });

  it('builds the same table from Bulk CSV rows as from REST records', async () => {
    const restStore = await accountStore();
    const csvStore = await accountStore();
    const records = range(1, 300).map((n) => restAccount(n, n % 50 === 0 ? { IsDeleted: true } : {}));

    await restStore.commitPage(page(records, 300));
    await csvStore.commitPage({ ...page(records.map(csvAccount), 300), valueFormat: 'csv' });

    const rows = await restStore.readRows('Account');
    expect(await csvStore.readRows('Account')).toEqual(rows);
    expect(rows.filter((row) => row.IsDeleted)).toHaveLength(6);
  });

  it('keeps numbers exact', async () => {
    const store = await newStore();
    await store.ensureTable('Deal__c', [{ name: 'Id', type: 'id' }, { name: 'Amount__c', type: 'currency' }, { name: 'Units__c', type: 'long' }]);
    const amounts = ['999999999999999999.99', '0.000000000000000001', '-12345678901234567.8', '0.1', '1200.5'];

    await store.commitPage({
      connection: 'prod', object: 'Deal__c', deleteMode: 'soft', checkpoint: { watermark: null }, valueFormat: 'csv',
      records: amounts.map((amount, i) => ({ Id: `a0X00000000000${i}AAA`, Amount__c: amount, Units__c: '9223372036854775807' })),
    });

    const rows = await store.readRows('Deal__c');
    expect(rows.map((row) => row.Amount__c)).toEqual(amounts);
    expect(rows.every((row) => row.Units__c === '9223372036854775807')).toBe(true);
    const { rows: [sum] } = await driver().query<{ total: string }>(`SELECT sum("Amount__c")::text AS total FROM "${store.schema}"."Deal__c"`);
    expect(sum?.total).toBe('987654321098766632.790000000000000001');
  });

  it('refuses a record with a field the table lacks, committing nothing', async () => {
    const store = await accountStore();

    await expect(store.commitPage(page([restAccount(1, { Unknown__c: 'x' })], 1))).rejects.toMatchObject({ code: 'UNKNOWN_FIELD', field: 'Unknown__c' });
    await expect(store.commitPage(page([restAccount(1, { NumberOfEmployees: 'many' })], 1))).rejects.toMatchObject({ code: 'INVALID_VALUE', field: 'NumberOfEmployees' });
    expect(await store.readSyncState('prod', 'Account')).toBeNull();
  });

  it('refuses a page for an object without a table', async () => {
    const store = await newStore();
    await expect(store.commitPage(page([restAccount(1)], 1))).rejects.toMatchObject({ code: 'TABLE_NOT_FOUND', object: 'Account' });
  });

  it('picks up a column another worker added after this one cached the table', async () => {
    const store = await accountStore();
    await store.commitPage(page([restAccount(1)], 1));
    const otherWorker = await createStore({ ...driver(), close: async () => {} }, { schema: store.schema, logger: pino({ enabled: false }) });
    await otherWorker.ensureTable('Account', [...ACCOUNT_FIELDS, { name: 'Tier__c', type: 'picklist' }]);

    await store.commitPage(page([restAccount(2, { Tier__c: 'Gold' })], 2));

    expect((await store.readRows('Account'))[1]?.Tier__c).toBe('Gold');
  });

  describe('a streamed page', () => {
    it('builds the same table as single-INSERT pages do, deletes and duplicate Ids included', async () => {
      for (const deleteMode of ['soft', 'hard'] as const) {
        const reference = await accountStore();
        const streamed = await accountStore();
        const seed = range(1, 400).map((n) => restAccount(n));
        await reference.commitPage(page(seed, 400));
        await streamed.commitPage(page(seed, 400));
        const records = [
          ...range(300, 2800).map((n) => restAccount(n, n % 40 === 0 ? { IsDeleted: true, SystemModstamp: modstamp(3000) } : {})),
          restAccount(310, { Name: 'newest of three', SystemModstamp: modstamp(3001) }),
          restAccount(310, { Name: 'older', SystemModstamp: modstamp(2999) }),
        ].map(csvAccount);
        for (let i = 0; i < records.length; i += 100) {
          await reference.commitPage({ ...page(records.slice(i, i + 100), 3001, deleteMode), valueFormat: 'csv' });
        }

        const result = await streamed.commitPage({ ...page([], 3001, deleteMode), records: stream(records), valueFormat: 'csv' });

        // 2,501 Ids, 63 of them deleted; a hard delete removes only the 3 rows the table held.
        expect(result).toEqual({ upserted: 2438, deleted: deleteMode === 'soft' ? 63 : 3 });
        const rows = await streamed.readRows('Account');
        expect(rows).toEqual(await reference.readRows('Account'));
        expect(rows.find((row) => row.Id === accountId(310))?.Name).toBe('newest of three');
        expect(await streamed.readSyncState('prod', 'Account')).toMatchObject({ watermark: storedWatermark(3001, 3001), pagesCommitted: 2 });
      }
    });

    it('keeps the later of two versions with the same SystemModstamp', async () => {
      const store = await accountStore();
      const records = [restAccount(1, { Name: 'first' }), restAccount(2), restAccount(1, { Name: 'second' })];

      await store.commitPage({ ...page([], 2), records: stream(records) });

      expect((await store.readRows('Account')).map((row) => row.Name)).toEqual(['second', expect.stringContaining('Account 2')]);
    });

    it('commits neither rows nor watermark when the stream fails midway, and the connection stays usable', async () => {
      const store = await accountStore();
      await store.commitPage(page([restAccount(1)], 1));
      async function* failing() {
        yield* stream(range(2, 5000).map((n) => restAccount(n)));
        throw new Error('connection reset while downloading');
      }

      await expect(store.commitPage({ ...page([], 5000), records: failing() })).rejects.toThrow('connection reset');

      expect((await store.readRows('Account')).map((row) => row.Id)).toEqual([accountId(1)]);
      expect(await store.readSyncState('prod', 'Account')).toMatchObject({ watermark: storedWatermark(1, 1), pagesCommitted: 1 });
      await store.commitPage({ ...page([], 3), records: stream([restAccount(2), restAccount(3)]) });
      expect(await store.readRows('Account')).toHaveLength(3);
    });

    it('refuses a record with a field the first record lacks, naming it, and commits nothing', async () => {
      const store = await accountStore();
      const { Description: _omitted, ...withoutDescription } = restAccount(1);

      await expect(store.commitPage({ ...page([], 2), records: stream([withoutDescription, restAccount(2)]) }))
        .rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'Description', message: expect.stringContaining('record 1') });

      expect(await store.readRows('Account')).toEqual([]);
      expect(await store.readSyncState('prod', 'Account')).toBeNull();
    });

    it('refuses a later record with a field the table lacks as well, once the table is cached', async () => {
      const store = await accountStore();
      await store.commitPage(page([restAccount(1)], 1));

      await expect(store.commitPage({ ...page([], 3), records: stream([restAccount(2), restAccount(3, { Unknown__c: 'x' })]) }))
        .rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'Unknown__c' });

      expect(await store.readRows('Account')).toHaveLength(1);
    });

    it('commits only the checkpoint when the stream is empty', async () => {
      const store = await accountStore();

      expect(await store.commitPage({ ...page([], 7), records: stream([]) })).toEqual({ upserted: 0, deleted: 0 });

      expect(await store.readSyncState('prod', 'Account')).toMatchObject({ watermark: storedWatermark(7, 7), pagesCommitted: 1 });
    });

    it('starts over from its first record when another worker added a column', async () => {
      const store = await accountStore();
      await store.commitPage(page([restAccount(1)], 1));
      const otherWorker = await createStore({ ...driver(), close: async () => {} }, { schema: store.schema, logger: pino({ enabled: false }) });
      await otherWorker.ensureTable('Account', [...ACCOUNT_FIELDS, { name: 'Tier__c', type: 'picklist' }]);

      await store.commitPage({ ...page([], 3), records: stream(range(2, 300).map((n) => restAccount(n, { Tier__c: 'Gold' }))) });

      const rows = await store.readRows('Account');
      expect(rows).toHaveLength(300);
      expect(rows.slice(1).every((row) => row.Tier__c === 'Gold')).toBe(true);
    });
  });
});

const storedWatermark = (second: number, n: number) => ({ systemModstamp: new Date(modstamp(second)).toISOString(), id: accountId(n) });

/** Records as a download yields them: one at a time, with the event loop turning between chunks. */
async function* stream(records: readonly Record<string, unknown>[]): AsyncGenerator<Record<string, unknown>> {
  for (const [index, record] of records.entries()) {
    if (index % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    yield record;
  }
}

/** The driver, with every write of the sync state inside a transaction failing. */
function failStateWrites(driver: Driver): Driver {
  return {
    ...driver,
    transaction: (work) => driver.transaction((tx) => work({
      ...tx,
      query: (sql, params) => (/INSERT INTO \S+\._sync_state/.test(sql) ? Promise.reject(new Error('injected failure')) : tx.query(sql, params)),
    })),
  };
}

/** The driver, noting every statement run inside transactions (COPY as "COPY <target>"). */
function recordStatements(driver: Driver, statements: string[]): Driver {
  return {
    ...driver,
    transaction: (work) => driver.transaction((tx) => work({
      query: (sql, params) => {
        statements.push(sql.trim());
        return tx.query(sql, params);
      },
      copyFrom: (target, csv) => {
        statements.push(`COPY ${target}`);
        return tx.copyFrom(target, csv);
      },
    })),
  };
}
