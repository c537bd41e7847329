import { activityInfo, cancellationSignal, heartbeat } from '@temporalio/activity';
import type { PageBatchResult, Watermark } from '../../common/sync-progress.js';
import { isSalesforceError } from '../../salesforce/index.js';
import { meterApiCalls } from '../api-call-meter.js';
import type { Store } from '../../store/index.js';
import type { SalesforceConnections } from '../salesforce-connections.js';
import { windowQuery, type ReadWindow } from './window-soql.js';

export interface SyncPagesInput {
  connection: string;
  object: string;
  fields: string[];
  cursor: string;
  window: ReadWindow;
  deleteMode: 'soft' | 'hard';
  maxPages: number;
  maxSeconds: number;
  batchSize: number;
}

export interface SyncPagesDeps {
  salesforce: SalesforceConnections;
  store: Store;
  now: () => number;
}

/** How often one activity restarts its query after an expired or foreign locator before giving up. */
const MAX_QUERY_RESTARTS = 3;

interface PageRecord {
  Id?: unknown;
  SystemModstamp?: unknown;
}

function watermarkOf(record: PageRecord | undefined): Watermark | null {
  if (!record || typeof record.Id !== 'string' || typeof record.SystemModstamp !== 'string') return null;
  return { systemModstamp: new Date(Date.parse(record.SystemModstamp)).toISOString(), id: record.Id };
}

/**
 * Reads the window from the committed watermark on, page by page, committing each page together with the
 * watermark it reaches. It always starts from what the destination says was committed, so a retried or
 * rescheduled attempt resumes exactly after the last committed page; it returns counts and a cursor only.
 */
export function createSyncPages(deps: SyncPagesDeps) {
  return (input: SyncPagesInput): Promise<PageBatchResult> => meterApiCalls((apiCalls) => syncPagesMetered(input, apiCalls));

  async function syncPagesMetered(input: SyncPagesInput, apiCalls: () => number): Promise<PageBatchResult> {
    const client = deps.salesforce.get(input.connection);
    const started = deps.now();
    const result: PageBatchResult = { upserted: 0, deleted: 0, pages: 0, apiCalls: 0, watermark: null, done: false, restartedQueries: 0 };
    const state = await deps.store.readSyncState(input.connection, input.object, input.cursor);
    result.watermark = state?.watermark ?? null;
    const attempt = activityInfo().attempt;
    let callsCommitted = 0;
    const finish = (done: boolean): PageBatchResult => ({ ...result, done, apiCalls: apiCalls() });

    for (;;) {
      try {
        const soql = windowQuery(input.object, input.fields, result.watermark, input.window);
        for await (const page of client.queryPages(soql, { all: true, batchSize: input.batchSize, signal: cancellationSignal() })) {
          const reached = watermarkOf(page.records.at(-1) as PageRecord | undefined);
          if (reached) {
            const counts = await deps.store.commitPage({
              connection: input.connection,
              object: input.object,
              records: page.records,
              deleteMode: input.deleteMode,
              cursor: input.cursor,
              checkpoint: { watermark: reached, windowEnd: input.window.end },
              stats: { apiCalls: apiCalls() - callsCommitted },
            });
            result.upserted += counts.upserted;
            result.deleted += counts.deleted;
            result.pages += 1;
            result.watermark = reached;
            callsCommitted = apiCalls();
          }
          heartbeat({ attempt, pages: result.pages, upserted: result.upserted, deleted: result.deleted, watermark: result.watermark });
          if (page.done) return finish(true);
          if (result.pages >= input.maxPages || deps.now() - started >= input.maxSeconds * 1000) return finish(false);
        }
        return finish(true);
      } catch (error) {
        // The locator expired or belongs to an ended session: start a fresh query after the committed watermark.
        if (isSalesforceError(error) && error.code === 'INVALID_QUERY_LOCATOR' && result.restartedQueries < MAX_QUERY_RESTARTS) {
          result.restartedQueries += 1;
          continue;
        }
        throw error;
      }
    }
  }
}
