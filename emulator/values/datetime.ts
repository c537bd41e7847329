/**
 * Salesforce date and datetime text. REST output is `2024-01-02T03:04:05.000+0000` (UTC, offset without a colon);
 * input and SOQL literals accept `Z`, `+hh:mm` or `+hhmm` offsets with optional milliseconds (reference §8).
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2}))?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function formatDateTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 23)}+0000`;
}

/** The UTC calendar date of an instant, `YYYY-MM-DD`. */
export function utcDateOf(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** Epoch ms of a datetime text (a bare date means midnight UTC), or null when it is not a valid datetime. */
export function parseDateTimeInput(text: string): number | null {
  const match = DATE_TIME.exec(text);
  if (match === null) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone] = match;
  if (match[4] !== undefined && zone === undefined) return null;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const local = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), ms);
  if (!sameCalendarFields(local, Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second))) return null;
  return local - offsetMinutes(zone ?? 'Z') * 60_000;
}

/** `YYYY-MM-DD` of a date input (a datetime input keeps its date part), or null when invalid. */
export function parseDateInput(text: string): string | null {
  const match = DATE.exec(text);
  if (match !== null) {
    const [, year, month, day] = match;
    const epoch = Date.UTC(Number(year), Number(month) - 1, Number(day));
    return sameCalendarFields(epoch, Number(year), Number(month), Number(day), 0, 0, 0) ? text : null;
  }
  const epoch = parseDateTimeInput(text);
  return epoch === null ? null : utcDateOf(epoch);
}

/** Parses a strict `YYYY-MM-DD` date; null otherwise. */
export function parseDateLiteral(text: string): string | null {
  return DATE.test(text) ? parseDateInput(text) : null;
}

function offsetMinutes(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

function sameCalendarFields(epoch: number, year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  const date = new Date(epoch);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    && date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
}
