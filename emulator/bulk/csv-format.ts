/** The characters behind a job's `columnDelimiter` (docs/salesforce-api.md §6.1). */
export const COLUMN_DELIMITERS = {
  COMMA: ',',
  TAB: '\t',
  PIPE: '|',
  SEMICOLON: ';',
  CARET: '^',
  BACKQUOTE: '`',
} as const;

export type ColumnDelimiter = keyof typeof COLUMN_DELIMITERS;

export const LINE_ENDINGS = { LF: '\n', CRLF: '\r\n' } as const;

export type LineEnding = keyof typeof LINE_ENDINGS;

/** The delimiter and record separator a job reads and writes. */
export interface CsvFormat {
  delimiter: string;
  newline: string;
}

export function csvFormat(columnDelimiter: ColumnDelimiter, lineEnding: LineEnding): CsvFormat {
  return { delimiter: COLUMN_DELIMITERS[columnDelimiter], newline: LINE_ENDINGS[lineEnding] };
}

export function isColumnDelimiter(value: unknown): value is ColumnDelimiter {
  return typeof value === 'string' && Object.hasOwn(COLUMN_DELIMITERS, value);
}

export function isLineEnding(value: unknown): value is LineEnding {
  return typeof value === 'string' && Object.hasOwn(LINE_ENDINGS, value);
}

/** Salesforce quotes every value it writes and doubles embedded quotes; line breaks stay as they are. */
export function quoted(text: string): string {
  return `"${text.includes('"') ? text.replaceAll('"', '""') : text}"`;
}
