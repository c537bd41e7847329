import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { describe, expect, inject, it } from 'vitest';
import {
  createConnectionStores, createStore, openPostgresDriver, type ConnectionStores, type Driver, type SqlParam, type Store,
} from '../../../store/index.js';
import { ACCOUNT_FIELDS, checkpointAt, restAccount } from './fixtures.js';
import { capturedLogger } from '../budget/log-capture.js';
import { DRIVERS, useStores } from './harness.js';

const silent = pino({ enabled: false });

const warningsOf = (lines: Array<Record<string, unknown>>) => lines.filter((line) => line.level === 40).map((line) => String(line.msg));

/** Every statement in a transaction takes 50 ms longer, so two workers' migrations overlap unless a lock orders them. */
function slowTransactions(driver: Driver): Driver {
  return {
    ...driver,
    transaction: (work) => driver.transaction((tx) => work({
      ...tx,
      async query<Row extends object>(sql: string, params?: readonly SqlParam[]) {
        const result = await tx.query<Row>(sql, params);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return result;
      },
    })),
  };
}

describe.each(DRIVERS)('one store per connection on %s', (kind) => {
  const { driver } = useStores(kind);
  const shared = (): Driver => ({ ...driver(), close: async () => {} });
  const names = () => {
    const legacy = `legacy_${randomBytes(4).toString('hex')}`;
    return { legacy, schemas: new Map([['prod', `${legacy}_prod`], ['sandbox', `${legacy}_sandbox`]]) };
  };
  const schemaExists = async (schema: string) =>
    (await driver().query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount === 1;

  /** The single schema of an installation from before per-connection schemas, holding `connections`' Accounts. */
  async function legacyInstallation(legacy: string, connections: string[]): Promise<Store> {
    const store = await createStore(shared(), { schema: legacy, logger: silent });
    await store.ensureTable('Account', ACCOUNT_FIELDS);
    for (const [index, connection] of connections.entries()) {
      await store.commitPage({
        connection, object: 'Account', records: [restAccount(1, { Name: connection }), restAccount(2 + index)], deleteMode: 'soft',
        checkpoint: checkpointAt(2 + index, 2 + index), stats: { apiCalls: 3 },
      });
      await store.recordApiCalls({ connection, caller: 'sfsync', calls: 7, at: '2024-01-01T00:00:00Z' });
    }
    return store;
  }

  it('keeps each connection in its own schema, so the same Id holds each org its own values', async () => {
    const { legacy, schemas } = names();
    const stores = createConnectionStores(shared(), { schemas, legacySchema: legacy });
    const [prod, sandbox] = await Promise.all([stores.get('prod'), stores.get('sandbox')]);
    for (const store of [prod, sandbox]) await store.ensureTable('Account', ACCOUNT_FIELDS);
    await prod.commitPage({ connection: 'prod', object: 'Account', records: [restAccount(1, { Name: 'Acme' })], deleteMode: 'soft', checkpoint: checkpointAt(1, 1) });
    await sandbox.commitPage({ connection: 'sandbox', object: 'Account', records: [restAccount(1, { Name: 'UAT Acme' })], deleteMode: 'soft', checkpoint: checkpointAt(1, 1) });

    expect([prod.schema, sandbox.schema]).toEqual([`${legacy}_prod`, `${legacy}_sandbox`]);
    expect((await prod.readRows('Account')).map((row) => row.Name)).toEqual(['Acme']);
    expect((await sandbox.readRows('Account')).map((row) => row.Name)).toEqual(['UAT Acme']);
    expect((await sandbox.listSyncStates()).map((state) => state.connection)).toEqual(['sandbox']);
  });

  it('creates one store however many first calls arrive at once', async () => {
    const { legacy, schemas } = names();
    const stores = createConnectionStores(shared(), { schemas, legacySchema: legacy });
    const opened = await Promise.all([stores.get('prod'), stores.get('prod'), stores.get('prod')]);
    expect(new Set(opened).size).toBe(1);
    expect(stores.connections).toEqual(['prod', 'sandbox']);
    expect(stores.schemaFor('sandbox')).toBe(`${legacy}_sandbox`);
  });

  it('refuses a connection it has no schema for, naming the configured ones', async () => {
    const { legacy, schemas } = names();
    const stores = createConnectionStores(shared(), { schemas, legacySchema: legacy });
    await expect(stores.get('staging')).rejects.toMatchObject({
      code: 'UNKNOWN_CONNECTION', message: expect.stringMatching(/'staging'.*known: prod, sandbox/),
    });
  });

  it('renames the legacy schema of a single-connection installation to that connection\'s schema, rows and cursors kept', async () => {
    const { legacy, schemas } = names();
    const before = await legacyInstallation(legacy, ['prod']);
    const rows = await before.readRows('Account');
    const state = await before.readSyncState('prod', 'Account');

    const stores = createConnectionStores(shared(), { schemas, legacySchema: legacy });
    const prod = await stores.get('prod');
    expect(prod.schema).toBe(`${legacy}_prod`);
    expect(await prod.readRows('Account')).toEqual(rows);
    expect(await prod.readSyncState('prod', 'Account')).toEqual(state);
    expect(await prod.apiCallsInWindow({ connection: 'prod', caller: 'sfsync', since: '2024-01-01T00:00:00Z' })).toBe(7);
    expect(await schemaExists(legacy)).toBe(false);
    // The other connection starts afresh.
    expect(await (await stores.get('sandbox')).listSyncStates()).toEqual([]);
  });

  it('leaves a legacy schema that holds another connection only for that connection to adopt', async () => {
    const { legacy, schemas } = names();
    await legacyInstallation(legacy, ['sandbox']);
    const stores = createConnectionStores(shared(), { schemas, legacySchema: legacy });
    expect(await (await stores.get('prod')).listSyncStates()).toEqual([]);
    expect(await schemaExists(legacy)).toBe(true);
    expect((await (await stores.get('sandbox')).listSyncStates()).map((s) => s.connection)).toEqual(['sandbox']);
    expect(await schemaExists(legacy)).toBe(false);
  });

  it('leaves a legacy schema holding several connections alone, with one warning saying how to move it by hand', async () => {
    const { legacy, schemas } = names();
    const before = await legacyInstallation(legacy, ['prod', 'sandbox']);
    const { logger, lines } = capturedLogger();
    const stores = createConnectionStores(shared(), { schemas, legacySchema: legacy, logger });

    const [prod, sandbox] = await Promise.all([stores.get('prod'), stores.get('sandbox')]);
    expect(await prod.listSyncStates()).toEqual([]);
    expect(await sandbox.listSyncStates()).toEqual([]);
    expect(await before.readRows('Account')).toHaveLength(3);
    const warnings = warningsOf(lines);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`"${legacy}" holds the rows of several connections \\(prod, sandbox\\)`));
    expect(warnings[0]).toMatch(new RegExp(`ALTER SCHEMA "${legacy}" RENAME TO .*mode: full`));
  });

  it('migrates once when two workers open the same connection at once', async () => {
    const { legacy, schemas } = names();
    const rows = await (await legacyInstallation(legacy, ['prod'])).readRows('Account');
    // On PostgreSQL the second worker has a pool of its own; PGlite has one process per database.
    const peer = kind === 'postgres' ? openPostgresDriver(inject('databaseUrl'), silent) : shared();
    const workers: ConnectionStores[] = [
      createConnectionStores(slowTransactions(shared()), { schemas, legacySchema: legacy }),
      createConnectionStores(slowTransactions(peer), { schemas, legacySchema: legacy }),
    ];
    try {
      const opened = await Promise.all(workers.map((stores) => stores.get('prod')));
      for (const store of opened) expect(await store.readRows('Account')).toEqual(rows);
      expect(await schemaExists(legacy)).toBe(false);
    } finally {
      await workers[1]?.close();
    }
  });
});
