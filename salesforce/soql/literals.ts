/**
 * SOQL literal formatting (docs/salesforce-api.md §4.3, SOQL and SOSL Reference "Quoted String Escape Sequences"
 * and "Date Formats and Date Literals"). Strings are single-quoted with backslash escapes; dates,
 * datetimes, numbers, booleans and null are unquoted.
 */

const escapes: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

export function quoteString(value: string): string {
  return `'${value.replace(/[\\'"\n\r\t\b\f]/g, (char) => escapes[char] ?? char)}'`;
}

/** `2024-01-02T03:04:05Z`, or with milliseconds when they are not zero. Always UTC. */
export function formatDatetime(value: Date): string {
  assertValidDate(value);
  const iso = value.toISOString();
  return value.getUTCMilliseconds() === 0 ? `${iso.slice(0, 19)}Z` : iso;
}

/** `2024-01-02` (the UTC calendar date of `value` when given a Date). */
export function formatDate(value: Date | string): string {
  if (typeof value === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
      throw new TypeError(`not a yyyy-MM-dd date: ${value}`);
    }
    return value;
  }
  assertValidDate(value);
  return value.toISOString().slice(0, 10);
}

export function formatNumber(value: number | bigint): string {
  if (typeof value === 'bigint') return value.toString();
  if (!Number.isFinite(value)) throw new TypeError(`SOQL has no literal for ${value}`);
  return String(value);
}

function assertValidDate(value: Date): void {
  if (Number.isNaN(value.getTime())) throw new TypeError('invalid Date');
}
