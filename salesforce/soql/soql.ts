import { formatDate, formatDatetime, formatNumber, quoteString } from './literals.js';

/** A piece of SOQL that is inserted verbatim: identifiers, date literals, nested fragments. */
export class SoqlFragment {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  toString(): string {
    return this.text;
  }
}

export type SoqlValue = string | number | bigint | boolean | null | Date | SoqlFragment | readonly SoqlScalar[];
type SoqlScalar = string | number | bigint | boolean | Date | SoqlFragment;

/** Field, object and relationship names: `Account`, `Owner.Name`, `Ext_Id__c`, `ns__Obj__r.Field__c`. */
const identifierPattern = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/;

/** An identifier, checked so that caller input can never become SOQL syntax. */
export function ident(name: string): SoqlFragment {
  if (!identifierPattern.test(name)) throw new TypeError(`not a SOQL identifier: ${JSON.stringify(name)}`);
  return new SoqlFragment(name);
}

/** A comma-separated list of identifiers, e.g. a SELECT list. */
export function identList(names: readonly string[]): SoqlFragment {
  if (names.length === 0) throw new TypeError('an identifier list cannot be empty');
  return new SoqlFragment(names.map((name) => ident(name).text).join(', '));
}

/** A date literal (`2024-01-02`); a bare Date is formatted as a datetime instead. */
export function dateLiteral(value: Date | string): SoqlFragment {
  return new SoqlFragment(formatDate(value));
}

/** Formats one interpolated value as a SOQL literal. */
export function literal(value: SoqlValue): string {
  if (value instanceof SoqlFragment) return value.text;
  if (value === null) return 'null';
  if (value instanceof Date) return formatDatetime(value);
  if (Array.isArray(value)) {
    // IN (...) lists; an empty list is a syntax error in SOQL.
    if (value.length === 0) throw new TypeError('a SOQL IN list cannot be empty');
    return `(${value.map((item: SoqlScalar) => literal(item)).join(', ')})`;
  }
  switch (typeof value) {
    case 'string':
      return quoteString(value);
    case 'number':
    case 'bigint':
      return formatNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
  }
  throw new TypeError('unsupported SOQL value');
}

function render(strings: TemplateStringsArray, values: readonly SoqlValue[]): string {
  return strings.reduce((text, part, index) => text + part + (index < values.length ? literal(values[index] as SoqlValue) : ''), '');
}

/**
 * Builds a SOQL string; every interpolated value becomes a correctly quoted literal:
 * soql`SELECT Id FROM ${ident('Account')} WHERE Name = ${"O'Brien"} AND SystemModstamp > ${since}`
 */
export function soql(strings: TemplateStringsArray, ...values: SoqlValue[]): string {
  return render(strings, values);
}

/** Like `soql`, but yields a fragment to embed in another `soql` template (optional clauses). */
export function soqlFragment(strings: TemplateStringsArray, ...values: SoqlValue[]): SoqlFragment {
  return new SoqlFragment(render(strings, values));
}
