/** One row of the org sync summary table that `npm start` and `npm run sync` print. */
export interface SummaryRow {
  object: string;
  status: string;
  route: string;
  upserted: number;
  deleted: number;
  apiCalls: number;
}

export interface PrintedSummary {
  rows: SummaryRow[];
  totals: { synced: number; failed: number; skipped: number; upserted: number; deleted: number };
}

const HEADER = /^object\s+status\s+route\s+upserted\s+deleted\s+api calls\s+seconds\s+error$/m;
const TOTALS = /^(\d+) synced, (\d+) failed, (\d+) skipped; (\d+) upserted, (\d+) deleted, \d+ API calls in [\d.]+ s$/m;

/** Reads the summary table back from a command's output, as a person reads it off the terminal. */
export function parseSummaryTable(output: string): PrintedSummary {
  const header = HEADER.exec(output);
  if (!header) throw new Error(`no summary table in the output:\n${output}`);
  const after = output.slice(header.index);
  const totals = TOTALS.exec(after);
  if (!totals) throw new Error(`no totals line under the summary table:\n${after}`);
  // Header, dashes, then one line per object up to the totals line.
  const lines = after.slice(0, totals.index).trimEnd().split('\n').slice(2);
  const rows = lines.map((line) => {
    const [object = '', status = '', route = '', upserted = '', deleted = '', apiCalls = ''] = line.trim().split(/\s+/);
    return { object, status, route, upserted: Number(upserted), deleted: Number(deleted), apiCalls: Number(apiCalls) };
  });
  const [, synced, failed, skipped, upserted, deleted] = totals.map(Number);
  return {
    rows,
    totals: { synced: synced ?? NaN, failed: failed ?? NaN, skipped: skipped ?? NaN, upserted: upserted ?? NaN, deleted: deleted ?? NaN },
  };
}
