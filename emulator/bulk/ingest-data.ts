import { CsvError, parse } from 'csv-parse/sync';
import type { CsvFormat } from './csv-format.js';

/**
 * An ingest job's uploaded CSV, indexed once: the header and where each row starts and ends in the bytes.
 * Rows are parsed again batch by batch when processed, and echoed byte for byte in the result files.
 */
export interface IngestData {
  bytes: Buffer;
  header: string[];
  /** The header line as uploaded, without its line ending. */
  headerText: string;
  /** `rowCount + 1` offsets: row i is `bytes[bounds[i], bounds[i + 1])`, line ending included. */
  bounds: Uint32Array;
  rowCount: number;
}

/** A problem that fails the whole job, with Salesforce's errorMessage. */
export class InvalidUpload extends Error {}

/**
 * Indexes an upload in the job's format. A file whose line ending is not the job's, or that is not valid
 * CSV, fails the job (docs/salesforce-api.md §6.3): Salesforce's wording for the first is
 * `ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF`.
 */
export function indexUpload(bytes: Buffer, format: CsvFormat, lineEnding: 'LF' | 'CRLF'): IngestData {
  const firstNewline = bytes.indexOf(0x0a);
  const crlf = firstNewline > 0 && bytes[firstNewline - 1] === 0x0d;
  if (firstNewline >= 0 && crlf !== (lineEnding === 'CRLF')) {
    throw new InvalidUpload(`ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is ${lineEnding}`);
  }
  const ends: number[] = [];
  let header: string[] | null = null;
  try {
    parse(bytes, {
      bom: true,
      delimiter: format.delimiter,
      record_delimiter: format.newline,
      skip_empty_lines: true,
      on_record: (record: string[], context: { bytes: number }) => {
        header ??= record;
        ends.push(context.bytes);
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) throw new InvalidUpload(`ClientInputError : ${error.message}`);
    throw error;
  }
  if (header === null) throw new InvalidUpload('ClientInputError : No header row in the uploaded data');
  const headerEnd = ends[0] as number;
  const bounds = Uint32Array.from(ends);
  return {
    bytes,
    header,
    headerText: stripLineEnding(bytes.subarray(0, headerEnd).toString('utf8').replace(/^\uFEFF/, '')),
    bounds,
    rowCount: bounds.length - 1,
  };
}

/** The cells of rows `from` (inclusive) to `to` (exclusive). */
export function readRows(data: IngestData, format: CsvFormat, from: number, to: number): string[][] {
  const rows = data.bytes.subarray(data.bounds[from], data.bounds[to]);
  return parse(rows, { delimiter: format.delimiter, record_delimiter: format.newline, skip_empty_lines: true });
}

/** A row as uploaded, without its line ending: result files echo it byte for byte (docs/salesforce-api.md §6.2). */
export function rowText(data: IngestData, row: number): string {
  return stripLineEnding(data.bytes.subarray(data.bounds[row], data.bounds[row + 1]).toString('utf8'));
}

/** A row's bytes run up to the next row: drop its record separator and any blank lines before it. */
function stripLineEnding(text: string): string {
  return text.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '');
}
