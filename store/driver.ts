/**
 * The little the store needs from a database, so the same SQL runs on PostgreSQL (`pg`) and PGlite.
 * Parameters are strings or null (cast in the SQL where the type is not inferred), so both drivers send the
 * same text and neither driver's type serializers matter.
 */
export type SqlParam = string | null;

export interface QueryResult<Row> {
  rows: Row[];
  /** Rows returned or affected. */
  rowCount: number;
}

export interface Queryable {
  query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<QueryResult<Row>>;
}

export interface Transaction extends Queryable {
  /** Loads CSV text (no header, in chunks of whole lines) with `COPY <target> FROM ... WITH (FORMAT csv)`; returns the rows loaded. */
  copyFrom(target: string, csv: AsyncIterable<string>): Promise<number>;
}

export interface Driver extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
