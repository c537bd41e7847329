import type { Bulk2Context } from './context.js';
import type { CsvBatch, CsvFormat, IngestRecord } from './ingest-csv.js';
import { csvBatches } from './ingest-csv.js';
import type { IngestJobSpec } from './ingest-jobs.js';
import { abortIngestJob, closeIngestJob, createIngestJob, uploadIngestData, waitForIngestJob } from './ingest-jobs.js';
import type { FinishedJob, IngestRecordResult } from './ingest-results.js';
import { jobResults } from './ingest-results.js';
import type { IngestJobInfo } from './job-schemas.js';
import type { WaitOptions } from './wait-for-job.js';

/** 150 MB per job after base64 encoding, so at most 100 MB of raw CSV (docs/salesforce-api.md §6.1). */
export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

export interface IngestOptions extends WaitOptions<IngestJobInfo> {
  /** The most CSV one job is given, header included; more records go to further jobs. */
  maxUploadBytes?: number;
}

export interface IngestJobSummary {
  jobId: string;
  state: 'JobComplete' | 'Failed' | 'Aborted';
  errorMessage: string | null;
  /** Position in the input of the job's first record, and how many records the job was given. */
  firstIndex: number;
  recordsUploaded: number;
  uploadBytes: number;
  numberRecordsProcessed: number;
  numberRecordsFailed: number;
}

export interface IngestOutcome {
  /** One entry per job, in input order. */
  jobs: IngestJobSummary[];
  /** A job ended Failed or Aborted, so no further records were read from the input. */
  stopped: boolean;
  /** Every submitted record's outcome, job after job, streamed from the jobs' result CSVs on each iteration. */
  results(options?: { signal?: AbortSignal }): AsyncIterable<IngestRecordResult>;
}

/**
 * Writes records through Bulk API 2.0: CSV batches of at most `maxUploadBytes`, one job each (create, one
 * PUT, close, wait), one job at a time so jobs on the same object do not contend for record locks.
 * Only the batch being uploaded is held in memory; afterwards a job keeps 13 bytes per row to match results.
 */
export async function ingest(
  ctx: Bulk2Context,
  spec: IngestJobSpec,
  records: AsyncIterable<IngestRecord> | Iterable<IngestRecord>,
  options: IngestOptions = {},
): Promise<IngestOutcome> {
  const { maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES, ...wait } = options;
  const format: CsvFormat = { columnDelimiter: spec.columnDelimiter ?? 'COMMA', lineEnding: spec.lineEnding ?? 'LF' };
  const finished: FinishedJob[] = [];
  const jobs: IngestJobSummary[] = [];
  let stopped = false;
  for await (const batch of csvBatches(records, format, maxUploadBytes)) {
    const job = await runJob(ctx, { ...spec, ...format }, batch, wait);
    finished.push({ job, columns: batch.columns, firstIndex: batch.firstIndex, rows: batch.rows });
    jobs.push(summary(job, batch));
    if (job.state !== 'JobComplete') {
      stopped = true;
      break;
    }
  }
  async function* results(signal: AbortSignal | undefined): AsyncGenerator<IngestRecordResult> {
    for (const job of finished) yield* jobResults(ctx, job, signal);
  }
  return { jobs, stopped, results: (resultOptions = {}) => results(resultOptions.signal) };
}

async function runJob(ctx: Bulk2Context, spec: IngestJobSpec, batch: CsvBatch, wait: WaitOptions<IngestJobInfo>): Promise<IngestJobInfo> {
  const created = await createIngestJob(ctx, spec, wait.signal);
  try {
    await uploadIngestData(ctx, created.id, batch.csv, wait.signal);
    await closeIngestJob(ctx, created.id, wait.signal);
    return await waitForIngestJob(ctx, created.id, wait);
  } catch (error) {
    // Nobody else knows this job's id yet: stop it rather than leave it open or running unseen.
    await abortIngestJob(ctx, created.id).then(
      () => ctx.logger.warn({ jobId: created.id, firstIndex: batch.firstIndex }, 'aborted a Bulk ingest job after a failure'),
      (abortError: unknown) => ctx.logger.warn({ jobId: created.id, error: String(abortError) }, 'could not abort a Bulk ingest job'),
    );
    throw error;
  }
}

function summary(job: IngestJobInfo, batch: CsvBatch): IngestJobSummary {
  return {
    jobId: job.id,
    state: job.state === 'Failed' || job.state === 'Aborted' ? job.state : 'JobComplete',
    errorMessage: job.errorMessage ?? null,
    firstIndex: batch.firstIndex,
    recordsUploaded: batch.rows.size,
    uploadBytes: batch.csv.length,
    numberRecordsProcessed: job.numberRecordsProcessed ?? 0,
    numberRecordsFailed: job.numberRecordsFailed ?? 0,
  };
}
