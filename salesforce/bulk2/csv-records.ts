import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { SalesforceError } from '../errors/salesforce-error.js';
import { toSalesforceError } from '../errors/to-salesforce-error.js';

/** One CSV row, column name to text. Bulk CSV has no types and no nulls: null is written as "" (docs/salesforce-api.md §6.4). */
export type Bulk2Record = Record<string, string>;

/**
 * A malformed quote would otherwise make the parser buffer the rest of a page that can be a gigabyte.
 * Rows are far below this: 5,000 fields per record and 131,072 characters per field (docs/salesforce-api.md §6.3).
 */
const MAX_RECORD_CHARACTERS = 64 * 1024 * 1024;

/**
 * Parses a CSV body as it streams, header row first, with a real RFC 4180 parser: quoted delimiters,
 * doubled quotes and line breaks inside values all survive. Destroying the result releases the body.
 */
export function csvRecords(body: Readable, delimiter: string): Readable & AsyncIterable<Bulk2Record> {
  const parser = parse({ columns: true, bom: true, delimiter, max_record_size: MAX_RECORD_CHARACTERS });
  return pipeline(body, parser, () => undefined);
}

/** A CSV syntax error is a bad response; anything else (a reset socket, a timeout, the signal) keeps its own code. */
export function csvReadError(cause: unknown, what: string): SalesforceError {
  if (cause instanceof CsvError) return toSalesforceError({ code: 'INVALID_RESPONSE', message: `${what}: malformed CSV (${cause.message})`, cause });
  return toSalesforceError({ cause });
}
