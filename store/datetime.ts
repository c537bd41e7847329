// Salesforce wire formats (docs/salesforce-api.md §8): REST datetimes end in "+0000", Bulk CSV ones in "Z"; both carry
// milliseconds. Offsets with a colon and missing milliseconds are accepted as the input formats allow them.
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|([+-])(\d{2}):?(\d{2}))$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z?$/;
const UTC_ZONES = new Set(['Z', '+0000', '+00:00', '-0000', '-00:00']);

/** `yyyy-MM-dd` if the text is a real calendar date, else null. */
export function canonicalDate(text: string): string | null {
  const match = DATE.exec(text);
  if (match === null) return null;
  const [, year = '', month = '', day = ''] = match;
  return validDate(Number(year), Number(month), Number(day)) ? text : null;
}

/** The instant as `yyyy-MM-ddTHH:mm:ss.SSSZ` in UTC, else null. */
export function canonicalDatetime(text: string): string | null {
  const match = DATETIME.exec(text);
  if (match === null) return null;
  const [, year = '', month = '', day = '', hour = '', minute = '', second = '', millis = '', zone = ''] = match;
  if (!validDate(Number(year), Number(month), Number(day)) || !validClock(Number(hour), Number(minute), Number(second))) return null;
  const utc = `${year}-${month}-${day}T${hour}:${minute}:${second}.${millis.padEnd(3, '0')}Z`;
  // Salesforce always answers in UTC, so the common case needs no date arithmetic (a page holds thousands).
  if (UTC_ZONES.has(zone)) return utc;
  const [sign, offsetHours, offsetMinutes] = match.slice(9);
  const offset = (Number(offsetHours) * 60 + Number(offsetMinutes)) * (sign === '-' ? -1 : 1);
  const date = new Date(utc);
  date.setTime(date.getTime() - offset * 60_000);
  return date.toISOString();
}

/** A time of day as `HH:mm:ss.SSS` (Salesforce's trailing "Z" carries no time zone meaning), else null. */
export function canonicalTime(text: string): string | null {
  const match = TIME.exec(text);
  if (match === null) return null;
  const [, hour = '', minute = '', second = '', millis = ''] = match;
  if (!validClock(Number(hour), Number(minute), Number(second))) return null;
  return `${hour}:${minute}:${second}.${millis.padEnd(3, '0')}`;
}

function validDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function validClock(hour: number, minute: number, second: number): boolean {
  return hour <= 23 && minute <= 59 && second <= 59;
}
