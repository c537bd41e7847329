import { stringify } from 'csv-stringify/sync';
import { toSalesforceError } from '../errors/to-salesforce-error.js';
import type { ColumnDelimiter, LineEnding } from './job-schemas.js';
import { DELIMITER_CHARACTERS } from './job-schemas.js';
import { RowIndex } from './row-index.js';

/** A record to write: field API name (or a lookup column such as `Account.Ext__c`) to value. */
export type IngestRecord = Readonly<Record<string, unknown>>;

export interface CsvFormat {
  columnDelimiter: ColumnDelimiter;
  lineEnding: LineEnding;
}

/** One job's upload: a header row and up to `maxBytes` of CSV in all. */
export interface CsvBatch {
  columns: readonly string[];
  csv: Buffer;
  /** Position in the input of the batch's first record. */
  firstIndex: number;
  /** The batch's rows by content, to match results back to the input; its size is the row count. */
  rows: RowIndex;
}

/** `#N/A` sets a field to null; an empty cell leaves it unchanged (docs/salesforce-api.md §6.3). */
export const NULL_CELL = '#N/A';

/** Strings are kept in memory as text until they add up to this, then turned into one Buffer. */
const PART_BYTES = 64 * 1024;

/**
 * Streams records into CSV batches, each no larger than `maxBytes` including its header. Columns are the
 * fields of the first record; a record that brings a new field closes the batch, and the next one has the
 * union of both (missing fields are empty cells, which leave the field unchanged).
 */
export async function* csvBatches(
  records: AsyncIterable<IngestRecord> | Iterable<IngestRecord>,
  format: CsvFormat,
  maxBytes: number,
): AsyncGenerator<CsvBatch> {
  const options = {
    delimiter: DELIMITER_CHARACTERS[format.columnDelimiter],
    record_delimiter: format.lineEnding === 'CRLF' ? 'windows' : 'unix',
    // A lone CR inside a value is quoted too, whatever the job's line ending.
    quote_record_delimiter: true,
  } as const;
  const line = (cells: readonly string[]) => stringify([cells], options);
  let batch: BatchDraft | undefined;
  let index = 0;
  for await (const record of records) {
    const fields = Object.keys(record).filter((field) => record[field] !== undefined);
    if (batch !== undefined && fields.some((field) => !batch?.has(field))) {
      if (batch.rows.size > 0) yield batch.seal();
      batch = new BatchDraft([...batch.columns, ...fields.filter((field) => !batch?.has(field))], index, line);
    }
    batch ??= new BatchDraft(fields, index, line);
    const cells = batch.columns.map((column) => csvCell(record[column], column, index));
    const text = line(cells);
    const bytes = Buffer.byteLength(text);
    if (batch.bytes + bytes > maxBytes && batch.rows.size > 0) {
      yield batch.seal();
      batch = new BatchDraft(batch.columns, index, line);
    }
    if (batch.bytes + bytes > maxBytes) {
      throw toSalesforceError({ code: 'INVALID_ARGUMENT', message: `record ${index} does not fit in an upload of ${maxBytes} bytes with its header` });
    }
    batch.append(text, bytes, cells);
    index += 1;
  }
  if (batch !== undefined && batch.rows.size > 0) yield batch.seal();
}

class BatchDraft {
  readonly rows = new RowIndex();
  readonly #columns: ReadonlySet<string>;
  readonly #parts: Buffer[] = [];
  #pending: string;
  #bytes: number;

  constructor(
    readonly columns: readonly string[],
    readonly firstIndex: number,
    line: (cells: readonly string[]) => string,
  ) {
    if (columns.length === 0) throw toSalesforceError({ code: 'INVALID_ARGUMENT', message: `record ${firstIndex} has no fields to write` });
    this.#columns = new Set(columns);
    this.#pending = line(columns);
    this.#bytes = Buffer.byteLength(this.#pending);
  }

  get bytes(): number {
    return this.#bytes;
  }

  has(field: string): boolean {
    return this.#columns.has(field);
  }

  append(text: string, bytes: number, cells: readonly string[]): void {
    this.#pending += text;
    this.#bytes += bytes;
    this.rows.add(cells);
    if (this.#pending.length >= PART_BYTES) this.#flush();
  }

  seal(): CsvBatch {
    this.#flush();
    const csv = Buffer.concat(this.#parts, this.#bytes);
    this.#parts.length = 0; // the generator keeps this draft while the batch uploads: hold its bytes once, not twice
    return { columns: this.columns, csv, firstIndex: this.firstIndex, rows: this.rows };
  }

  #flush(): void {
    if (this.#pending === '') return;
    this.#parts.push(Buffer.from(this.#pending, 'utf8'));
    this.#pending = '';
  }
}

/** One value as Bulk CSV text (docs/salesforce-api.md §6.3, §8). Blank text is null in Salesforce, so '' also clears the field. */
export function csvCell(value: unknown, field: string, index: number): string {
  if (value === undefined) return '';
  if (value === null || value === '') return NULL_CELL;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  // A multi-select picklist is one value with `;` between the choices.
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.length === 0 ? NULL_CELL : value.join(';');
  const shown = typeof value === 'number' ? String(value) : Array.isArray(value) ? 'an array of non-strings' : typeof value;
  throw toSalesforceError({ code: 'INVALID_ARGUMENT', message: `record ${index}, field ${field}: cannot write ${shown} to Bulk CSV` });
}
