import { activityInfo, cancellationSignal, heartbeat } from '@temporalio/activity';
import type { PageBatchResult, Watermark } from '../../common/sync-progress.js';
import type { Budget } from '../../config/sync-config.js';
import { isSalesforceError, type ApiUsageTracker } from '../../salesforce/index.js';
import type { WorkerMetrics } from '../../worker/metrics/index.js';
import { meterApiCalls } from '../api-call-meter.js';
import type { ConnectionStores } from '../../store/index.js';
import type { SalesforceConnections } from '../salesforce-connections.js';
import { readCommittedTotals } from './committed-totals.js';
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
  stores: Pick<ConnectionStores, 'get'>;
  now: () => number;
  budgetFor: (connection: string) => Budget;
  metrics?: Pick<WorkerMetrics, 'recordCommit'> | undefined;
}

/** The highest DailyApiRequests ratio this process has seen in a response header for this client's org. */
function liveUsageRatio(usage: ApiUsageTracker): number {
  let ratio = 0;
  for (const { used, max } of usage.snapshot().values()) if (max > 0) ratio = Math.max(ratio, used / max);
  return ratio;
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
    const store = await deps.stores.get(input.connection);
    const started = deps.now();
    const result: PageBatchResult = { upserted: 0, deleted: 0, pages: 0, apiCalls: 0, watermark: null, done: false, restartedQueries: 0 };
    const state = await store.readSyncState(input.connection, input.object, input.cursor);
    result.watermark = state?.watermark ?? null;
    const attempt = activityInfo().attempt;
    let callsCommitted = 0;
    const finish = async (done: boolean, stoppedFor?: PageBatchResult['stoppedFor']): Promise<PageBatchResult> => ({
      ...result,
      done,
      apiCalls: apiCalls(),
      ...(stoppedFor ? { stoppedFor } : {}),
      committed: await readCommittedTotals(store, input.connection, input.object, input.cursor),
    });
    const { throttleAt } = deps.budgetFor(input.connection);

    for (;;) {
      try {
        const soql = windowQuery(input.object, input.fields, result.watermark, input.window);
        for await (const page of client.queryPages(soql, { all: true, batchSize: input.batchSize, signal: cancellationSignal() })) {
          const reached = watermarkOf(page.records.at(-1) as PageRecord | undefined);
          if (reached) {
            const counts = await store.commitPage({
              connection: input.connection,
              object: input.object,
              records: page.records,
              deleteMode: input.deleteMode,
              cursor: input.cursor,
              checkpoint: { watermark: reached, windowEnd: input.window.end },
              stats: { apiCalls: apiCalls() - callsCommitted },
            });
            deps.metrics?.recordCommit({ connection: input.connection, object: input.object, ...counts });
            result.upserted += counts.upserted;
            result.deleted += counts.deleted;
            result.pages += 1;
            result.watermark = reached;
            callsCommitted = apiCalls();
          }
          heartbeat({ attempt, pages: result.pages, upserted: result.upserted, deleted: result.deleted, watermark: result.watermark });
          if (page.done) return await finish(true);
          if (result.pages >= input.maxPages || deps.now() - started >= input.maxSeconds * 1000) return await finish(false);
          // The next page would spend a call past the throttle line (every response reports the org's usage).
          if (liveUsageRatio(client.usage) >= throttleAt) return await finish(false, 'ORG_THRESHOLD');
        }
        return await finish(true);
      } catch (error) {
        // The locator expired or belongs to an ended session: start a fresh query after the committed watermark.
        if (isSalesforceError(error) && error.code === 'INVALID_QUERY_LOCATOR' && result.restartedQueries < MAX_QUERY_RESTARTS) {
          result.restartedQueries += 1;
          continue;
        }
        // The org's daily cap is spent: hand back what is committed and let the workflow wait durably.
        if (isSalesforceError(error) && error.code === 'REQUEST_LIMIT_EXCEEDED') return await finish(false, 'REQUEST_LIMIT_EXCEEDED');
        throw error;
      }
    }
  }
}
