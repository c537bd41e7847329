import { describe, expect, it } from 'vitest';
import type { Store } from '../../../store/index.js';
import { accountId, ACCOUNT_FIELDS, checkpointAt, restAccount } from './fixtures.js';
import { DRIVERS, useStores } from './harness.js';

const BACKFILL = 'backfill:2023-01..2023-07';

describe.each(DRIVERS)('named sync cursors on %s', (kind) => {
  const { newStore } = useStores(kind);

  async function accountStore(): Promise<Store> {
    const store = await newStore();
    await store.ensureTable('Account', ACCOUNT_FIELDS);
    return store;
  }
  const at = (id: string) => ({ watermark: { systemModstamp: '2024-01-01T00:00:00.000Z', id } });

  it('commits a backfill page under its own cursor, leaving the incremental state untouched', async () => {
    const store = await accountStore();
    await store.commitPage({
      connection: 'prod', object: 'Account', records: [restAccount(1), restAccount(2)], deleteMode: 'soft',
      checkpoint: checkpointAt(2, 2), stats: { apiCalls: 1 },
    });
    const incremental = await store.readSyncState('prod', 'Account');

    await store.commitPage({
      connection: 'prod', object: 'Account', records: [restAccount(3), restAccount(4, { IsDeleted: true }), restAccount(5)],
      deleteMode: 'soft', checkpoint: { ...checkpointAt(5, 5), windowEnd: '2023-07-01T00:00:00Z' }, stats: { apiCalls: 4 },
      cursor: BACKFILL,
    });

    expect(await store.readSyncState('prod', 'Account')).toEqual(incremental);
    expect(incremental).toMatchObject({ cursor: 'incremental', watermark: { id: accountId(2) }, totalUpserted: 2, pagesCommitted: 1, apiCalls: 1 });
    expect(await store.readSyncState('prod', 'Account', BACKFILL)).toMatchObject({
      cursor: BACKFILL,
      watermark: { systemModstamp: '2024-01-01T00:00:05.000Z', id: accountId(5) },
      windowEnd: '2023-07-01T00:00:00.000Z',
      totalUpserted: 2, totalDeleted: 1, pagesCommitted: 1, apiCalls: 4,
    });
    expect(await store.readRows('Account')).toHaveLength(5);
  });

  it('keeps running totals per cursor', async () => {
    const store = await newStore();
    await store.commitCheckpoint('prod', 'Account', at('001000000000001AAA'), { apiCalls: 2 });
    await store.commitCheckpoint('prod', 'Account', at('001000000000002AAA'), { apiCalls: 5 }, BACKFILL);
    await store.commitCheckpoint('prod', 'Account', at('001000000000003AAA'), { apiCalls: 7 }, BACKFILL);

    expect(await store.readSyncState('prod', 'Account')).toMatchObject({ watermark: { id: '001000000000001AAA' }, apiCalls: 2 });
    expect(await store.readSyncState('prod', 'Account', BACKFILL)).toMatchObject({ watermark: { id: '001000000000003AAA' }, apiCalls: 12 });
  });

  it('treats a missing cursor as the incremental one', async () => {
    const store = await newStore();
    await store.commitCheckpoint('prod', 'Account', at('001000000000001AAA'), undefined, 'incremental');

    expect(await store.readSyncState('prod', 'Account')).toEqual(await store.readSyncState('prod', 'Account', 'incremental'));
    expect(await store.readSyncState('prod', 'Account', BACKFILL)).toBeNull();
  });

  it('resets one cursor without touching the others', async () => {
    const store = await newStore();
    await store.commitCheckpoint('prod', 'Account', at('001000000000001AAA'));
    await store.commitCheckpoint('prod', 'Account', at('001000000000002AAA'), { apiCalls: 3 }, BACKFILL);

    await store.resetSyncState('prod', 'Account', BACKFILL);

    expect((await store.readSyncState('prod', 'Account'))?.watermark?.id).toBe('001000000000001AAA');
    expect(await store.readSyncState('prod', 'Account', BACKFILL)).toMatchObject({ watermark: null, apiCalls: 3 });
  });

  it('lists every cursor ordered by connection, object and cursor, optionally of one connection', async () => {
    const store = await newStore();
    await store.commitCheckpoint('sandbox', 'Account', at('001000000000004AAA'));
    await store.commitCheckpoint('prod', 'Contact', at('003000000000001AAA'));
    await store.commitCheckpoint('prod', 'Account', at('001000000000002AAA'), undefined, BACKFILL);
    await store.commitCheckpoint('prod', 'Account', at('001000000000001AAA'));

    const all = await store.listSyncStates();
    const prod = await store.listSyncStates('prod');

    expect(all.map((s) => [s.connection, s.object, s.cursor, s.watermark?.id])).toEqual([
      ['prod', 'Account', BACKFILL, '001000000000002AAA'],
      ['prod', 'Account', 'incremental', '001000000000001AAA'],
      ['prod', 'Contact', 'incremental', '003000000000001AAA'],
      ['sandbox', 'Account', 'incremental', '001000000000004AAA'],
    ]);
    expect(prod).toEqual(all.slice(0, 3));
    expect(await store.listSyncStates('nowhere')).toEqual([]);
  });

  it('deletes a finished backfill cursor and says whether it existed', async () => {
    const store = await newStore();
    await store.commitCheckpoint('prod', 'Account', at('001000000000001AAA'));
    await store.commitCheckpoint('prod', 'Account', at('001000000000002AAA'), undefined, BACKFILL);

    expect(await store.deleteSyncState('prod', 'Account', BACKFILL)).toBe(true);
    expect(await store.deleteSyncState('prod', 'Account', BACKFILL)).toBe(false);
    expect((await store.listSyncStates()).map((s) => s.cursor)).toEqual(['incremental']);
  });

  it.each([
    ['empty', ''],
    ['starting with a dash', '-backfill'],
    ['with a space', 'back fill'],
    ['with a quote', "x'; DROP TABLE _sync_state; --"],
    ['non-ASCII', 'rückfüllung'],
    ['longer than 121 characters', `b${'x'.repeat(121)}`],
  ])('refuses a cursor name that is %s, writing nothing', async (_case, cursor) => {
    const store = await accountStore();
    const refused = { code: 'INVALID_IDENTIFIER' };

    await expect(store.readSyncState('prod', 'Account', cursor)).rejects.toMatchObject(refused);
    await expect(store.commitCheckpoint('prod', 'Account', at('001000000000001AAA'), undefined, cursor)).rejects.toMatchObject(refused);
    await expect(store.commitPage({
      connection: 'prod', object: 'Account', records: [restAccount(1)], deleteMode: 'soft', checkpoint: checkpointAt(1, 1), cursor,
    })).rejects.toMatchObject(refused);
    await expect(store.resetSyncState('prod', 'Account', cursor)).rejects.toMatchObject(refused);
    await expect(store.deleteSyncState('prod', 'Account', cursor)).rejects.toMatchObject(refused);
    expect(await store.listSyncStates()).toEqual([]);
    expect(await store.readRows('Account')).toEqual([]);
  });

  it('accepts a cursor name of 121 characters', async () => {
    const store = await newStore();
    const longest = `b${'x'.repeat(120)}`;

    await store.commitCheckpoint('prod', 'Account', at('001000000000001AAA'), undefined, longest);

    expect((await store.readSyncState('prod', 'Account', longest))?.cursor).toBe(longest);
  });
});
