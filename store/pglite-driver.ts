import { mkdir } from 'node:fs/promises';
import type { Results } from '@electric-sql/pglite';
import type { Driver, QueryResult, SqlParam, Transaction } from './driver.js';

/**
 * The embedded database: PostgreSQL compiled to WebAssembly, in one directory (or `memory://`).
 * One process owns a data directory at a time.
 */
export async function openPgliteDriver(dataDir: string): Promise<Driver> {
  if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
  // Loaded only when used: the module alone costs a worker that writes to PostgreSQL about 45 MB.
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(dataDir);

  return {
    kind: 'pglite',
    async query<Row extends object>(sql: string, params: readonly SqlParam[] = []) {
      return rowsOf(await db.query<Row>(sql, [...params]));
    },
    transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
      return db.transaction((tx) => work({
        async query<Row extends object>(sql: string, params: readonly SqlParam[] = []) {
          return rowsOf(await tx.query<Row>(sql, [...params]));
        },
        async copyFrom(target: string, csv: AsyncIterable<string>) {
          // PGlite reads COPY input from a Blob passed with the query (the server's /dev/blob), so the embedded
          // database takes a page's CSV whole.
          const chunks: string[] = [];
          for await (const chunk of csv) chunks.push(chunk);
          const result = await tx.query(`COPY ${target} FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob(chunks) });
          return result.rowCount ?? result.affectedRows ?? 0;
        },
      }));
    },
    async close() {
      await db.close();
    },
  };
}

function rowsOf<Row>(result: Results<Row>): QueryResult<Row> {
  return { rows: result.rows, rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length };
}
