import { Context } from '@temporalio/activity';
import { FailureType } from '../../../common/failure-types.js';
import { SyncFailure } from '../../../common/sync-failure.js';
import type { PageBatchResult } from '../../../common/sync-progress.js';
import type { ConnectionStores } from '../../../store/index.js';
import type { WorkerMetrics } from '../../../worker/metrics/index.js';
import { meterApiCalls } from '../../api-call-meter.js';
import type { SalesforceConnections } from '../../salesforce-connections.js';
import { readCommittedTotals } from '../committed-totals.js';

export interface LoadBulkResultsInput {
  connection: string;
  object: string;
  jobId: string;
  cursor: string;
  windowEnd: string;
  deleteMode: 'soft' | 'hard';
  maxPages: number;
  maxSeconds: number;
  /** Rows per results page: one page is one transaction, and one locator checkpoint. */
  maxRecords: number;
  /** The job's numberRecordsProcessed: the result pages must hold exactly this many rows in all. */
  expectedRecords?: number | null | undefined;
}

/**
 * The smallest valid 18-character Id. Once a job has covered the whole window, the watermark moves to
 * (windowEnd, this): every record stamped up to windowEnd is committed, and the next window starts after it.
 */
const LOWEST_ID = '000000000000000AAA';

/**
 * Streams a completed job's result pages into the destination, from the locator the destination last
 * committed: each page commits together with the locator of the next one, and the final page together with
 * the new watermark. A retried or restarted activity continues the same job from that locator.
 */
export function createLoadBulkResults(deps: { salesforce: SalesforceConnections; stores: Pick<ConnectionStores, 'get'>; now: () => number; metrics?: Pick<WorkerMetrics, 'recordCommit'> | undefined }) {
  return (input: LoadBulkResultsInput): Promise<PageBatchResult> =>
    meterApiCalls(async (apiCalls) => {
      const started = deps.now();
      const activity = Context.current();
      const store = await deps.stores.get(input.connection);
      const state = await store.readSyncState(input.connection, input.object, input.cursor);
      const committed = () => readCommittedTotals(store, input.connection, input.object, input.cursor);
      const result: PageBatchResult = { upserted: 0, deleted: 0, pages: 0, apiCalls: 0, watermark: state?.watermark ?? null, done: false, restartedQueries: 0 };
      if (!state?.bulk) {
        // The final page was committed before a crash hid the result: nothing is left to load.
        return { ...result, done: true, apiCalls: apiCalls(), committed: await committed() };
      }
      if (state.bulk.jobId !== input.jobId) {
        throw new SyncFailure(FailureType.BulkJobMismatch, `the destination records Bulk job ${state.bulk.jobId} for ${input.object}, not ${input.jobId}`, {
          recordedJobId: state.bulk.jobId,
          jobId: input.jobId,
        });
      }
      const client = deps.salesforce.get(input.connection);
      let callsCommitted = 0;
      const pages = client.bulk2.queryResultPages(input.jobId, { locator: state.bulk.locator, maxRecords: input.maxRecords, signal: activity.cancellationSignal });
      let rowsLoaded = state.bulk.rowsLoaded;
      for await (const page of pages) {
        const last = page.nextLocator === null;
        rowsLoaded = rowsLoaded === null ? null : rowsLoaded + page.numberOfRecords;
        // Before the final commit moves the watermark past the window: a short result would lose records for good.
        if (last) verifyRowCount(input, rowsLoaded);
        const watermark = last ? { systemModstamp: new Date(input.windowEnd).toISOString(), id: LOWEST_ID } : state.watermark;
        const counts = await store.commitPage({
          connection: input.connection,
          object: input.object,
          cursor: input.cursor,
          // Streamed: rows go into the database as the page downloads, so a page costs no more memory than a chunk.
          records: heartbeating(activity, page.records, (rowsInPage) =>
            ({ jobId: input.jobId, locator: page.locator, pages: result.pages, upserted: result.upserted, rowsInPage })),
          valueFormat: 'csv',
          deleteMode: input.deleteMode,
          checkpoint: {
            watermark,
            bulk: last ? null : { jobId: input.jobId, locator: page.nextLocator, ...(rowsLoaded === null ? {} : { rowsLoaded }) },
            windowEnd: input.windowEnd,
          },
          stats: { apiCalls: apiCalls() - callsCommitted },
        });
        callsCommitted = apiCalls();
        deps.metrics?.recordCommit({ connection: input.connection, object: input.object, ...counts });
        result.upserted += counts.upserted;
        result.deleted += counts.deleted;
        result.pages += 1;
        result.watermark = watermark;
        activity.heartbeat({ jobId: input.jobId, locator: page.nextLocator, pages: result.pages, upserted: result.upserted, rowsInPage: 0 });
        if (last) return { ...result, done: true, apiCalls: apiCalls(), committed: await committed() };
        if (result.pages >= input.maxPages || deps.now() - started >= input.maxSeconds * 1000) break;
      }
      return { ...result, apiCalls: apiCalls(), committed: await committed() };
    });
}

/**
 * The result pages, all of them read, must hold the rows the job says it processed. The client checks each page
 * against its Sforce-NumberOfRecords; this checks the whole. Unknown counts (a checkpoint written before rows were
 * counted, a job info without numberRecordsProcessed) are not checked.
 */
function verifyRowCount(input: LoadBulkResultsInput, rowsLoaded: number | null): void {
  const expected = input.expectedRecords;
  if (rowsLoaded === null || expected === null || expected === undefined || rowsLoaded === expected) return;
  throw new SyncFailure(
    FailureType.BulkResultCountMismatch,
    `Bulk API 2.0 query job ${input.jobId} processed ${expected} ${input.object} records, but its result pages hold ${rowsLoaded}: `
      + 'the window is left uncommitted, to be read again without this job',
    { jobId: input.jobId, expectedRecords: expected, loadedRecords: rowsLoaded },
  );
}

/** Rows between heartbeats within a page (the SDK throttles what it sends to the server). */
const ROWS_PER_HEARTBEAT = 1_000;

/**
 * Heartbeats while a page streams in: a page of any size (up to 500,000 rows) then never outlasts the heartbeat
 * timeout, which would have the attempt retried, and the same page redone, forever.
 */
async function* heartbeating<T>(activity: Context, rows: AsyncIterable<T>, details: (rowsInPage: number) => unknown): AsyncGenerator<T> {
  let count = 0;
  for await (const row of rows) {
    count += 1;
    // Through the context taken at the start: the database's copy stream pulls rows from its own callbacks,
    // outside the activity's async context, where the free-standing heartbeat() finds none.
    if (count % ROWS_PER_HEARTBEAT === 0) activity.heartbeat(details(count));
    yield row;
  }
}
