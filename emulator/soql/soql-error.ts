/** A SOQL error as Salesforce reports it: an errorCode plus a message, usually with a caret diagram. */
export type SoqlErrorCode =
  | 'MALFORMED_QUERY'
  | 'INVALID_FIELD'
  | 'INVALID_TYPE'
  | 'INVALID_QUERY_FILTER_OPERATOR'
  | 'NUMBER_OUTSIDE_VALID_RANGE';

export class SoqlError extends Error {
  constructor(
    readonly errorCode: SoqlErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SoqlError';
  }
}

/**
 * The message shape of a positioned SOQL error: the offending line, a caret under the column, then
 * `ERROR at Row:r:Column:c` and the explanation, each on its own line, with a leading newline.
 */
export function soqlError(errorCode: SoqlErrorCode, source: string, position: number, explanation: string): SoqlError {
  const before = source.slice(0, position);
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const column = position - lineStart + 1;
  const lineEnd = source.indexOf('\n', position);
  const line = source.slice(lineStart, lineEnd < 0 ? source.length : lineEnd);
  return new SoqlError(errorCode, `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${explanation}`);
}
