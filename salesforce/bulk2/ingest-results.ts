import { z } from 'zod';
import { toSalesforceError } from '../errors/to-salesforce-error.js';
import type { Bulk2Context } from './context.js';
import { jobPath, withSignal } from './context.js';
import type { Bulk2Record } from './csv-records.js';
import { csvReadError, csvRecords } from './csv-records.js';
import type { IngestJobInfo } from './job-schemas.js';
import { DELIMITER_CHARACTERS } from './job-schemas.js';
import type { RowIndex } from './row-index.js';

interface ResultBase {
  jobId: string;
  /** Position of the record in the input, or undefined when no uploaded row has the echoed values. */
  index: number | undefined;
  /** The record's columns as Salesforce echoed them back, which is as they were uploaded. */
  fields: Bulk2Record;
}

export type IngestRecordResult =
  | (ResultBase & { status: 'succeeded'; id: string; created: boolean })
  | (ResultBase & { status: 'failed'; id: string | null; error: string; errorCode: string | undefined })
  | (ResultBase & { status: 'unprocessed' });

/** A finished job and what was uploaded to it, which is what its results are matched against. */
export interface FinishedJob {
  job: IngestJobInfo;
  columns: readonly string[];
  firstIndex: number;
  rows: RowIndex;
}

// Result CSVs put their own columns first, always quoted, then the uploaded ones (docs/salesforce-api.md §6.2).
const successSchema = z.looseObject({ sf__Id: z.string().min(1), sf__Created: z.enum(['true', 'false']) });
const failureSchema = z.looseObject({ sf__Id: z.string(), sf__Error: z.string() });

/** `STATUS_CODE:message:fields --`, e.g. `REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --`. */
const ERROR_CODE = /^([A-Z][A-Z0-9_]*):/;

type ResultKind = 'successfulResults' | 'failedResults' | 'unprocessedrecords';

/**
 * Streams one job's successful, failed and unprocessed rows, each matched to its input record. A kind the
 * job's counters say is empty is not fetched, since every call counts against the daily API limit.
 */
export async function* jobResults(ctx: Bulk2Context, finished: FinishedJob, signal?: AbortSignal): AsyncGenerator<IngestRecordResult> {
  const { job } = finished;
  const processed = job.numberRecordsProcessed;
  const failed = job.numberRecordsFailed;
  const match = finished.rows.matcher();
  const unmatched = { count: 0 };
  if (processed === undefined || failed === undefined || processed > failed) {
    for await (const { row, base } of resultRows(ctx, finished, 'successfulResults', match, unmatched, signal)) {
      const parsed = parseRow(successSchema, row, job.id, 'successfulResults');
      yield { ...base, status: 'succeeded', id: parsed.sf__Id, created: parsed.sf__Created === 'true' };
    }
  }
  if (failed === undefined || failed > 0) {
    for await (const { row, base } of resultRows(ctx, finished, 'failedResults', match, unmatched, signal)) {
      const parsed = parseRow(failureSchema, row, job.id, 'failedResults');
      const errorCode = ERROR_CODE.exec(parsed.sf__Error)?.[1];
      yield { ...base, status: 'failed', id: parsed.sf__Id === '' ? null : parsed.sf__Id, error: parsed.sf__Error, errorCode };
    }
  }
  if (job.state !== 'JobComplete') {
    for await (const { base } of resultRows(ctx, finished, 'unprocessedrecords', match, unmatched, signal)) yield { ...base, status: 'unprocessed' };
  }
  if (unmatched.count > 0) {
    ctx.logger.warn({ jobId: job.id, unmatched: unmatched.count }, 'Bulk ingest results with values that match no uploaded row');
  }
}

async function* resultRows(
  ctx: Bulk2Context,
  { job, columns, firstIndex }: FinishedJob,
  kind: ResultKind,
  match: (cells: readonly string[]) => number | undefined,
  unmatched: { count: number },
  signal: AbortSignal | undefined,
): AsyncGenerator<{ row: Bulk2Record; base: ResultBase }> {
  const { api } = ctx;
  const response = await api.stream({
    method: 'GET',
    // The trailing slash and the lowercase `unprocessedrecords` are how Salesforce spells these paths (docs/salesforce-api.md §6.2).
    path: `${jobPath(api, 'ingest', job.id, kind)}/`,
    route: `/jobs/ingest/{id}/${kind}/`,
    headers: { accept: 'text/csv' },
    ...withSignal(signal),
  });
  const parsed = csvRecords(response.body, DELIMITER_CHARACTERS[job.columnDelimiter ?? 'COMMA']);
  try {
    for await (const row of parsed) {
      const cells = columns.map((column) => row[column] ?? '');
      const fields = Object.fromEntries(columns.map((column, at) => [column, cells[at] ?? '']));
      const offset = match(cells);
      if (offset === undefined) unmatched.count += 1;
      yield { row, base: { jobId: job.id, index: offset === undefined ? undefined : firstIndex + offset, fields } };
    }
  } catch (cause) {
    throw csvReadError(cause, `${kind} of Bulk ingest job ${job.id}`);
  } finally {
    parsed.destroy();
  }
}

function parseRow<S extends z.ZodType>(schema: S, row: Bulk2Record, jobId: string, kind: ResultKind): z.infer<S> {
  const parsed = schema.safeParse(row);
  if (parsed.success) return parsed.data;
  const problem = parsed.error.issues[0];
  throw toSalesforceError({
    code: 'INVALID_RESPONSE',
    message: `${kind} of Bulk ingest job ${jobId}: unexpected row (${problem?.path.join('.') ?? ''}: ${problem?.message ?? 'invalid'})`,
  });
}
