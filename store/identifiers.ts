import { StoreError } from './errors.js';

// Salesforce API names (objects and fields, including the __c, __s and namespace__ forms) are ASCII letters,
// digits and underscores starting with a letter; anything else is refused before it gets near SQL.
const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
// PostgreSQL truncates identifiers beyond NAMEDATALEN - 1 bytes; Salesforce API names stay well below it.
const MAX_IDENTIFIER_LENGTH = 63;

export function assertApiName(name: string, what: 'object' | 'field' | 'schema'): string {
  if (!API_NAME.test(name) || name.length > MAX_IDENTIFIER_LENGTH) {
    throw new StoreError('INVALID_IDENTIFIER', `Invalid ${what} name ${JSON.stringify(name)}`,
      what === 'field' ? { field: name } : {});
  }
  return name;
}

/** Quotes an identifier for SQL. Names reaching here were validated, but quoting stays correct for any string. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function qualifiedName(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}
