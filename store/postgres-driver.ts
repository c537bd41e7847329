import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import type { Driver, SqlParam, Transaction } from './driver.js';
import type { StoreLogger } from './logger.js';

// A worker runs a few activities at once; each holds at most one connection for one transaction.
const POOL_SIZE = 5;

export function openPostgresDriver(databaseUrl: string, logger: StoreLogger): Driver {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: POOL_SIZE, application_name: 'sfsync' });
  // An idle client losing its connection must not crash the worker; the next query gets a fresh one.
  pool.on('error', (error) => logger.warn({ err: error }, 'idle PostgreSQL connection failed'));

  return {
    kind: 'postgres',
    async query<Row extends object>(sql: string, params: readonly SqlParam[] = []) {
      const result = await pool.query<Row>(sql, [...params]);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    },
    async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(clientTransaction(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        // A connection that cannot even roll back is discarded rather than returned to the pool.
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}

function clientTransaction(client: pg.PoolClient): Transaction {
  return {
    async query<Row extends object>(sql: string, params: readonly SqlParam[] = []) {
      const result = await client.query<Row>(sql, [...params]);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    },
    async copyFrom(target: string, csv: AsyncIterable<string>) {
      const stream = client.query(copyFromStdin(`COPY ${target} FROM STDIN WITH (FORMAT csv)`));
      // The copy stream's backpressure paces the producer: a page is never held whole.
      await pipeline(Readable.from(csv, { objectMode: false }), stream);
      return stream.rowCount;
    },
  };
}
