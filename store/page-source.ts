import { StoreError } from './errors.js';

export type PageRecord = Record<string, unknown>;

/** A page's records as the caller passed them: in memory, or streamed (a Bulk result page as it downloads). */
export type PageRecords = readonly PageRecord[] | AsyncIterable<PageRecord>;

/**
 * A page whose fields are known before any of its records is written. A streamed page's fields are its first
 * record's (every row of a CSV page has the same header); its records can be read once, except that reading
 * may start over while only that first record has been taken, as when a cached column list was stale.
 */
export interface PageSource {
  readonly fields: readonly string[];
  /** The records held in memory, or undefined for a streamed page. */
  readonly inMemory: readonly PageRecord[] | undefined;
  records(): AsyncIterable<PageRecord> | Iterable<PageRecord>;
}

export async function pageSource(records: PageRecords): Promise<PageSource> {
  if (isInMemory(records)) {
    const fields = new Set<string>();
    for (const record of records) for (const key of Object.keys(record)) fields.add(key);
    return { fields: [...fields], inMemory: records, records: () => records };
  }
  const iterator = records[Symbol.asyncIterator]();
  const first = await iterator.next();
  let restStarted = false;
  async function* replay(): AsyncGenerator<PageRecord> {
    if (first.done) return;
    if (restStarted) throw new StoreError('INVALID_INPUT', 'a streamed page can be read only once');
    yield first.value;
    restStarted = true;
    let next = await iterator.next();
    try {
      for (; !next.done; next = await iterator.next()) yield next.value;
    } finally {
      // A reader that stops early (a failed row, a rolled-back transaction) releases the stream behind the page.
      if (!next.done) await iterator.return?.();
    }
  }
  return { fields: first.done ? [] : Object.keys(first.value), inMemory: undefined, records: replay };
}

function isInMemory(records: PageRecords): records is readonly PageRecord[] {
  return Array.isArray(records);
}
