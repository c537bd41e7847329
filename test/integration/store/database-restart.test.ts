import { ApplicationFailure } from '@temporalio/common';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toApplicationFailure } from '../../../activities/to-application-failure.js';
import { startPostgres, type RunningPostgres } from '../../../scripts/postgres.js';
import { openPostgresDriver, openStore, type Driver, type Store, type StoreLogger } from '../../../store/index.js';
import { collectUncaught } from '../../support/uncaught.js';
import { waitFor } from '../../support/wait-for.js';
import { ACCOUNT_FIELDS, checkpointAt, restAccount } from './fixtures.js';

// A cluster of its own: these tests cut every connection to it and restart it.
describe('a PostgreSQL store whose server goes away', () => {
  let postgres: RunningPostgres;
  let admin: pg.Client | undefined;
  let store: Store;
  let driver: Driver;
  const warnings: Array<{ fields: unknown; message: string }> = [];
  const logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (fields: unknown, message: string) => warnings.push({ fields, message }),
  } as unknown as StoreLogger;
  // A client's 'error' event nobody listens to, or a rejection nobody awaits, would kill a worker process.
  const uncaught = collectUncaught();

  beforeAll(async () => {
    postgres = await startPostgres();
    store = await openStore({ databaseUrl: postgres.url, schema: 'restart', logger });
    await store.ensureTable('Account', ACCOUNT_FIELDS);
    driver = openPostgresDriver(postgres.url, logger);
  });
  beforeEach(() => {
    uncaught.length = 0;
  });
  afterAll(async () => {
    await admin?.end().catch(() => undefined);
    await driver?.close();
    await store?.close();
    await postgres?.stop();
  });

  type Cut = 'pg_terminate_backend' | 'pg_ctl restart -m immediate';

  /**
   * Waits for one of the store's backends to be where `where` (on pg_stat_activity) says, then terminates the
   * matching backends from a connection of its own, or restarts the whole server.
   */
  async function cutWhen(cut: Cut, where: string): Promise<void> {
    admin ??= await connectAdmin();
    const action = cut === 'pg_terminate_backend' ? 'pg_terminate_backend(pid)' : '1';
    await waitFor(`a backend where ${where}`, async () => {
      const { rowCount } = await admin!.query(
        `SELECT ${action} FROM pg_stat_activity WHERE application_name = 'sfsync' AND pid <> pg_backend_pid() AND ${where}`);
      return (rowCount ?? 0) > 0;
    }, { intervalMs: 20 });
    if (cut === 'pg_terminate_backend') return;
    const previous = admin;
    admin = undefined;
    await postgres.restart();
    await previous.end().catch(() => undefined);
  }

  async function connectAdmin(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: postgres.url, application_name: 'test-admin' });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  /** A streamed page that sends 1,500 records, waits for `hold`, then sends 1,500 more: its COPY stays in flight until then. */
  async function* heldPage(hold: Promise<void>): AsyncGenerator<Record<string, unknown>> {
    for (let n = 2; n < 1_502; n += 1) yield restAccount(n);
    await hold;
    for (let n = 1_502; n < 3_002; n += 1) yield restAccount(n);
  }

  function expectRetryableConnectionLoss(error: unknown): void {
    expect(error).toMatchObject({ name: 'StoreError', code: 'DATABASE_UNAVAILABLE', retryable: true });
    const failure = toApplicationFailure(error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'DESTINATION_UNREACHABLE', nonRetryable: false });
  }

  async function expectUsableAgain(): Promise<void> {
    // The pool may still hold a connection whose loss it has not noticed yet: like Temporal, try again.
    await waitFor('a committed page', () => store.commitPage({
      connection: 'prod', object: 'Account', deleteMode: 'soft', checkpoint: checkpointAt(1, 1), records: [restAccount(1)],
    }).then(() => true, () => false), { timeoutMs: 20_000 });
    await waitFor('a transaction', () => driver.transaction((tx) => tx.query('SELECT 1')).then(() => true, () => false), { timeoutMs: 20_000 });
    expect((await store.readRows('Account')).map((row) => row.Id)).toContain('001000000000001AAA');
  }

  /** Gives the dead sockets' late events (end, close, EPIPE) time to arrive before looking for uncaught ones. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  for (const cut of ['pg_terminate_backend', 'pg_ctl restart -m immediate'] as const satisfies readonly Cut[]) {
    describe(`cut by ${cut}`, () => {
      it('fails a streamed commitPage mid-COPY with a retryable error, and works again', async () => {
        let release!: () => void;
        const committing = store.commitPage({
          connection: 'prod', object: 'Account', deleteMode: 'soft', checkpoint: checkpointAt(3001, 3001), records: heldPage(new Promise((resolve) => (release = resolve))),
        }).then(() => undefined, (error: unknown) => error);
        await cutWhen(cut, "query LIKE 'COPY %'");
        release();
        const error = await committing;
        await settle();
        expect(uncaught).toEqual([]);
        expectRetryableConnectionLoss(error);
        await expectUsableAgain();
        expect((await store.readSyncState('prod', 'Account'))?.watermark?.id).not.toBe('001000000003001AAA');
      });

      it('fails an open transaction with a retryable error, and works again', async () => {
        let entered!: () => void;
        let proceed!: () => void;
        const inside = new Promise<void>((resolve) => (entered = resolve));
        const resumed = new Promise<void>((resolve) => (proceed = resolve));
        const open = driver.transaction(async (tx) => {
          await tx.query('SELECT 1');
          entered();
          await resumed;
          await tx.query('SELECT 1');
        }).then(() => undefined, (error: unknown) => error);
        await inside;
        await cutWhen(cut, "state = 'idle in transaction'");
        await settle();
        proceed();
        const error = await open;
        expect(uncaught).toEqual([]);
        expectRetryableConnectionLoss(error);
        await expectUsableAgain();
      });

      it('fails a query in flight with a retryable error, and works again', async () => {
        const running = driver.query('SELECT pg_sleep(30)').then(() => undefined, (error: unknown) => error);
        await cutWhen(cut, "query LIKE 'SELECT pg_sleep%'");
        const error = await running;
        await settle();
        expect(uncaught).toEqual([]);
        expectRetryableConnectionLoss(error);
        await expectUsableAgain();
      });
    });
  }

  it('logs the code and message of an idle connection that fails, never the client behind it', async () => {
    await driver.query('SELECT 1');
    warnings.length = 0;
    await cutWhen('pg_terminate_backend', "state = 'idle'");
    const warning = await waitFor('the warning', () => Promise.resolve(warnings.find((entry) => entry.message === 'idle PostgreSQL connection failed')));
    expect(warning.fields).toEqual({ err: { code: '57P01', message: 'terminating connection due to administrator command' } });
    expect(uncaught).toEqual([]);
  });
});
