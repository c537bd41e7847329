import { describe, expect, it } from 'vitest';
import { DRIVERS, useStores } from './harness.js';

describe.each(DRIVERS)('sync state on %s', (kind) => {
  const { driver, newStore, peerStore } = useStores(kind);

  it('has no state for an object never synced', async () => {
    const store = await newStore();
    expect(await store.readSyncState('prod', 'Account')).toBeNull();
  });

  it('stores a checkpoint with its Bulk job and window, datetimes in UTC', async () => {
    const store = await newStore();

    await store.commitCheckpoint('prod', 'Account', {
      watermark: { systemModstamp: '2024-03-04T05:06:07.089+0000', id: '001000000000001AAA' },
      bulk: { jobId: '7508c00000AbCdEAAV', locator: 'MTAwMDA', rowsLoaded: 30_000 },
      windowEnd: '2024-03-04T08:06:07.000+03:00',
    }, { apiCalls: 3 });

    const state = await store.readSyncState('prod', 'Account');
    expect(state).toEqual({
      connection: 'prod',
      object: 'Account',
      cursor: 'incremental',
      watermark: { systemModstamp: '2024-03-04T05:06:07.089Z', id: '001000000000001AAA' },
      bulk: { jobId: '7508c00000AbCdEAAV', locator: 'MTAwMDA', rowsLoaded: 30_000 },
      windowEnd: '2024-03-04T05:06:07.000Z',
      totalUpserted: 0,
      totalDeleted: 0,
      pagesCommitted: 0,
      apiCalls: 3,
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
  });

  it('reads a Bulk checkpoint without a row count as an unknown count', async () => {
    const store = await newStore();
    await store.commitCheckpoint('prod', 'Account', { watermark: null, bulk: { jobId: '750A', locator: 'MTAwMDA' } });

    expect((await store.readSyncState('prod', 'Account'))?.bulk).toEqual({ jobId: '750A', locator: 'MTAwMDA', rowsLoaded: null });
  });

  it('adds the Bulk row count column to a state table created before it existed', async () => {
    const store = await newStore();
    await store.commitCheckpoint('prod', 'Account', { watermark: null, bulk: { jobId: '750A', locator: null } });
    await driver().query(`ALTER TABLE ${store.schema}._sync_state DROP COLUMN bulk_rows_loaded`);

    const upgraded = await peerStore(store);
    await upgraded.commitCheckpoint('prod', 'Account', { watermark: null, bulk: { jobId: '750A', locator: 'MTAwMDA', rowsLoaded: 2_000 } });

    expect((await upgraded.readSyncState('prod', 'Account'))?.bulk).toEqual({ jobId: '750A', locator: 'MTAwMDA', rowsLoaded: 2_000 });
  });

  it('replaces the whole checkpoint on every commit and adds up the API calls', async () => {
    const store = await newStore();
    await store.commitCheckpoint('prod', 'Account', { watermark: null, bulk: { jobId: '750A', locator: null }, windowEnd: '2024-01-01T00:00:00Z' }, { apiCalls: 1 });

    await store.commitCheckpoint('prod', 'Account', { watermark: { systemModstamp: '2024-01-01T00:00:00Z', id: '001000000000001AAA' } }, { apiCalls: 2 });

    expect(await store.readSyncState('prod', 'Account')).toMatchObject({ bulk: null, windowEnd: null, apiCalls: 3 });
  });

  it('keeps one state per connection and object', async () => {
    const store = await newStore();
    const at = (id: string) => ({ watermark: { systemModstamp: '2024-01-01T00:00:00.000Z', id } });
    await store.commitCheckpoint('prod', 'Account', at('001000000000001AAA'));
    await store.commitCheckpoint('sandbox', 'Account', at('001000000000002AAA'));
    await store.commitCheckpoint('prod', 'Contact', at('003000000000003AAA'));

    expect((await store.readSyncState('sandbox', 'Account'))?.watermark?.id).toBe('001000000000002AAA');
    expect((await store.readSyncState('prod', 'Contact'))?.watermark?.id).toBe('003000000000003AAA');
  });

  it('forgets the checkpoint on reset but keeps the running totals', async () => {
    const store = await newStore();
    await store.commitCheckpoint('prod', 'Account', {
      watermark: { systemModstamp: '2024-01-01T00:00:00.000Z', id: '001000000000001AAA' }, windowEnd: '2024-01-02T00:00:00.000Z',
    }, { apiCalls: 7 });

    await store.resetSyncState('prod', 'Account');

    expect(await store.readSyncState('prod', 'Account')).toMatchObject({ watermark: null, bulk: null, windowEnd: null, apiCalls: 7 });
  });

  it.each([
    ['a watermark time that is not a datetime', { watermark: { systemModstamp: 'yesterday', id: '001000000000001AAA' } }],
    ['a watermark id longer than 18 characters', { watermark: { systemModstamp: '2024-01-01T00:00:00Z', id: '001000000000001AAAA' } }],
    ['no watermark key', {}],
  ])('refuses a checkpoint with %s', async (_case, checkpoint) => {
    const store = await newStore();
    await expect(store.commitCheckpoint('prod', 'Account', checkpoint as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('records a run for operators', async () => {
    const store = await newStore();

    await store.recordRun({
      connection: 'prod', object: 'Account', mode: 'incremental', outcome: 'completed',
      startedAt: '2024-01-01T00:00:00.000Z', finishedAt: '2024-01-01T00:01:30.500+0000', upserted: 120, deleted: 3, apiCalls: 4,
    });

    const { rows } = await driver().query(
      `SELECT connection, object, mode, outcome, upserted::int, deleted::int, api_calls::int, error,
              extract(epoch FROM finished_at - started_at)::text AS seconds FROM "${store.schema}"._sync_runs`);
    expect(rows).toEqual([{
      connection: 'prod', object: 'Account', mode: 'incremental', outcome: 'completed', upserted: 120, deleted: 3, api_calls: 4, error: null, seconds: '90.500000',
    }]);
    await expect(store.recordRun({ connection: 'prod', object: 'Account', mode: 'bulk' as never, outcome: 'completed',
      startedAt: 'x', finishedAt: 'y', upserted: -1, deleted: 0, apiCalls: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
