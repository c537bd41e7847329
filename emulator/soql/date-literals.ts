/**
 * SOQL relative date literals (TODAY, LAST_N_DAYS:n, THIS_QUARTER...) as half-open UTC ranges [start, end).
 * The emulator's user is on GMT, weeks start on Sunday (en_US) and the fiscal year is the calendar year,
 * the defaults of a new org. Source: SOQL and SOSL Reference, "Date Formats and Date Literals".
 */
export interface DateRange {
  start: number;
  end: number;
}

type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';

const UNITS: Record<string, Unit> = {
  DAY: 'day', DAYS: 'day', WEEK: 'week', WEEKS: 'week', MONTH: 'month', MONTHS: 'month',
  QUARTER: 'quarter', QUARTERS: 'quarter', FISCAL_QUARTER: 'quarter', FISCAL_QUARTERS: 'quarter',
  YEAR: 'year', YEARS: 'year', FISCAL_YEAR: 'year', FISCAL_YEARS: 'year',
};

/** Whether the literal takes `:n`. */
export function takesNumber(name: string): boolean {
  return /^(LAST_N_|NEXT_N_|N_)/.test(name);
}

export function relativeDateRange(name: string, n: number | null, now: number): DateRange | null {
  if (takesNumber(name) !== (n !== null)) return null;
  const count = n ?? 1;
  switch (name) {
    case 'YESTERDAY': return span('day', now, -1, 1);
    case 'TODAY': return span('day', now, 0, 1);
    case 'TOMORROW': return span('day', now, 1, 1);
    case 'LAST_90_DAYS': return { start: shift('day', startOf('day', now), -90), end: shift('day', startOf('day', now), 1) };
    case 'NEXT_90_DAYS': return span('day', now, 1, 90);
    case 'LAST_N_DAYS': return { start: shift('day', startOf('day', now), -count), end: shift('day', startOf('day', now), 1) };
    default: break;
  }
  const match = /^(LAST_N|NEXT_N|THIS|LAST|NEXT|N)_([A-Z_]+?)(_AGO)?$/.exec(name);
  if (match === null) return null;
  const [, kind, unitName = '', ago] = match;
  const unit = UNITS[unitName];
  if (unit === undefined) return null;
  if (kind === 'N' && ago !== undefined) return span(unit, now, -count, 1);
  if (ago !== undefined) return null;
  switch (kind) {
    case 'THIS': return span(unit, now, 0, 1);
    case 'LAST': return span(unit, now, -1, 1);
    case 'NEXT': return span(unit, now, 1, 1);
    case 'LAST_N': return span(unit, now, -count, count);
    case 'NEXT_N': return span(unit, now, 1, count);
    default: return null;
  }
}

/** `length` units starting `offset` units from the start of the unit containing `now`. */
function span(unit: Unit, now: number, offset: number, length: number): DateRange {
  const start = shift(unit, startOf(unit, now), offset);
  return { start, end: shift(unit, start, length) };
}

function startOf(unit: Unit, at: number): number {
  const date = new Date(at);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const day = Date.UTC(year, month, date.getUTCDate());
  switch (unit) {
    case 'day': return day;
    case 'week': return day - date.getUTCDay() * 86_400_000;
    case 'month': return Date.UTC(year, month, 1);
    case 'quarter': return Date.UTC(year, month - (month % 3), 1);
    case 'year': return Date.UTC(year, 0, 1);
  }
}

function shift(unit: Unit, at: number, amount: number): number {
  const date = new Date(at);
  switch (unit) {
    case 'day': return at + amount * 86_400_000;
    case 'week': return at + amount * 7 * 86_400_000;
    case 'month': return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + amount, 1);
    case 'quarter': return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + amount * 3, 1);
    case 'year': return Date.UTC(date.getUTCFullYear() + amount, 0, 1);
  }
}
