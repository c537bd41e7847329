/**
 * The instant an HTTP `Date` header names (RFC 9110 §6.6.1, "Date": the time the server generated the response, in
 * IMF-fixdate form, to the second), in epoch milliseconds; undefined when absent or unreadable.
 * https://www.rfc-editor.org/rfc/rfc9110#name-date
 */
export function parseHttpDate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
