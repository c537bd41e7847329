import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { errorSummary, storeFailure } from './connection-loss.js';
import type { Driver, SqlParam, Transaction } from './driver.js';
import type { StoreLogger } from './logger.js';

// A worker runs a few activities at once; each holds at most one connection for one transaction.
const POOL_SIZE = 5;

/**
 * A pool of connections to PostgreSQL. A connection lost at any moment (a server restart, a network cut) fails
 * the call using it with the retryable `DATABASE_UNAVAILABLE`, and the connection is discarded: a pg client
 * reports the loss with an 'error' event, fatal to the process if nobody listens, so every client has a
 * listener whether it is idle (the pool's) or checked out (ours, or pg-pool's own for `pool.query`).
 */
export function openPostgresDriver(databaseUrl: string, logger: StoreLogger): Driver {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: POOL_SIZE, application_name: 'sfsync' });
  // The pool has already dropped the client; the error carries that client (user, host, database), so only its code and message are logged.
  pool.on('error', (error) => logger.warn({ err: errorSummary(error) }, 'idle PostgreSQL connection failed'));

  return {
    kind: 'postgres',
    async query<Row extends object>(sql: string, params: readonly SqlParam[] = []) {
      try {
        const result = await pool.query<Row>(sql, [...params]);
        return { rows: result.rows, rowCount: result.rowCount ?? 0 };
      } catch (error) {
        throw storeFailure(error);
      }
    },
    async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
      const client = await pool.connect().catch((error: unknown) => {
        throw storeFailure(error);
      });
      let lost: Error | undefined;
      const onError = (error: Error) => {
        lost ??= error;
      };
      client.on('error', onError);
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(clientTransaction(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        if (lost === undefined) {
          await client.query('ROLLBACK').catch((rollbackError: Error) => {
            broken = rollbackError;
          });
        }
        throw storeFailure(error, lost);
      } finally {
        client.off('error', onError);
        // A connection that is lost or cannot even roll back is discarded rather than returned to the pool.
        client.release(lost ?? broken);
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
      // The pipeline reports the stream's first error; a lost connection can make it emit more, later.
      stream.on('error', () => undefined);
      // The copy stream's backpressure paces the producer: a page is never held whole.
      await pipeline(Readable.from(csv, { objectMode: false }), stream);
      return stream.rowCount;
    },
  };
}
