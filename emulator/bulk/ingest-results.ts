import { setImmediate } from 'node:timers/promises';
import { quoted } from './csv-format.js';
import { rowText } from './ingest-data.js';
import type { IngestJob } from './ingest-job.js';
import type { RowOutcome } from './ingest-row.js';

/** Rows per written chunk: results of a large job stream out instead of being built in memory. */
const CHUNK_ROWS = 1000;

export type IngestResultKind = 'successfulResults' | 'failedResults' | 'unprocessedrecords';

/**
 * One of an ingest job's result files (docs/salesforce-api.md §6.2): `"sf__Id","sf__Created"` or `"sf__Id","sf__Error"`
 * (always quoted) followed by the columns exactly as uploaded; unprocessed records are the uploaded rows
 * alone. Rows come in upload order, which Salesforce does not promise.
 */
export async function* ingestResults(job: IngestJob, kind: IngestResultKind): AsyncGenerator<string> {
  const { delimiter, newline } = job.format;
  const progress = job.progress;
  if (progress === null) {
    // Data that could not be read at all is unprocessed as a whole.
    if (kind === 'unprocessedrecords') yield job.uploaded?.toString('utf8') ?? '';
    else yield `${resultColumns(kind).map(quoted).join(delimiter)}${newline}`;
    return;
  }
  const { data, outcomes } = progress;
  const extra = resultColumns(kind);
  yield `${[...extra.map(quoted), data.headerText].join(delimiter)}${newline}`;
  let chunk = '';
  let rows = 0;
  for (let row = 0; row < data.rowCount; row++) {
    const cells = resultCells(kind, outcomes[row]);
    if (cells === null) continue;
    chunk += `${[...cells.map(quoted), rowText(data, row)].join(delimiter)}${newline}`;
    if (++rows % CHUNK_ROWS === 0) {
      yield chunk;
      chunk = '';
      // Other requests are served between chunks of a large file.
      await setImmediate();
    }
  }
  if (chunk !== '') yield chunk;
}

function resultColumns(kind: IngestResultKind): string[] {
  if (kind === 'successfulResults') return ['sf__Id', 'sf__Created'];
  if (kind === 'failedResults') return ['sf__Id', 'sf__Error'];
  return [];
}

/** The `sf__` cells of a row in this file, or null when the row belongs to another file. */
function resultCells(kind: IngestResultKind, outcome: RowOutcome | undefined): string[] | null {
  if (kind === 'unprocessedrecords') return outcome === undefined ? [] : null;
  if (outcome === undefined) return null;
  if (kind === 'successfulResults') return outcome.ok ? [outcome.id, String(outcome.created)] : null;
  return outcome.ok ? null : [outcome.id ?? '', outcome.error];
}
