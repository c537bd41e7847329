/**
 * Why the store failed. Every code but one is a defect in the data or the call, never a passing fault, so
 * retrying cannot help. `DATABASE_UNAVAILABLE` is the exception: the connection to the database was lost or
 * could not be made, which a later attempt can get past. Other database errors are not wrapped and stay retryable.
 */
export type StoreErrorCode =
  | 'INVALID_IDENTIFIER' // an object or field name that is not a Salesforce API name, or a malformed cursor name
  | 'INVALID_VALUE' // a Salesforce value that does not fit its field type
  | 'INVALID_INPUT' // a checkpoint or option that fails validation
  | 'UNKNOWN_FIELD' // a record carries a field the table has no column for (ensureTable was not called with it)
  | 'MISSING_ID' // a record without Id, or a describe without the Id field
  | 'TABLE_NOT_FOUND' // commitPage before ensureTable
  | 'UNKNOWN_CONNECTION' // a connection the worker has no destination schema for (not configured)
  | 'DATABASE_UNAVAILABLE'; // the database went away (restart, network) or refused the connection; retryable

export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;
  readonly object: string | undefined;
  readonly field: string | undefined;
  /** Whether another attempt can succeed. */
  readonly retryable: boolean;

  constructor(code: StoreErrorCode, message: string, details: { object?: string; field?: string } = {}) {
    super(message);
    this.code = code;
    this.object = details.object;
    this.field = details.field;
    this.retryable = code === 'DATABASE_UNAVAILABLE';
  }
}
