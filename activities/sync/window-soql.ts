import type { Watermark } from '../../common/sync-progress.js';

/** SOQL datetime literals are unquoted ISO 8601 in UTC (docs/salesforce-api.md §4.3). */
export function soqlDatetime(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`Not a datetime: ${value}`);
  return new Date(ms).toISOString();
}

const ID_PATTERN = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

function soqlId(id: string): string {
  // Ids are alphanumeric, so quoting cannot be escaped; reject anything else outright.
  if (!ID_PATTERN.test(id)) throw new Error(`Not a Salesforce Id: ${id}`);
  return `'${id}'`;
}

/** The SystemModstamp range a sync reads: incremental (-, now - lag], or a backfill slice [from, to). */
export interface ReadWindow {
  start: string | null;
  end: string;
  endExclusive: boolean;
}

/**
 * The window after the watermark, in (SystemModstamp, Id) order. The Id tie-breaker means records sharing
 * a SystemModstamp are never skipped at a page or run boundary, the failure mode of single-column cursors.
 */
export function windowCondition(watermark: Watermark | null, window: ReadWindow): string {
  const bounds = [`SystemModstamp ${window.endExclusive ? '<' : '<='} ${soqlDatetime(window.end)}`];
  if (watermark) {
    const ts = soqlDatetime(watermark.systemModstamp);
    bounds.unshift(`(SystemModstamp > ${ts} OR (SystemModstamp = ${ts} AND Id > ${soqlId(watermark.id)}))`);
  } else if (window.start) {
    bounds.unshift(`SystemModstamp >= ${soqlDatetime(window.start)}`);
  }
  return bounds.join(' AND ');
}

export function windowQuery(object: string, fields: readonly string[], watermark: Watermark | null, window: ReadWindow): string {
  return `SELECT ${fields.join(', ')} FROM ${object} WHERE ${windowCondition(watermark, window)} ORDER BY SystemModstamp ASC, Id ASC`;
}

export function windowCountQuery(object: string, watermark: Watermark | null, window: ReadWindow): string {
  return `SELECT COUNT() FROM ${object} WHERE ${windowCondition(watermark, window)}`;
}
