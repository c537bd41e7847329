import type { SyncPlan } from '../../common/sync-progress.js';
import type { ConnectionStores } from '../../store/index.js';
import { meterApiCalls } from '../api-call-meter.js';
import type { WorkerMetrics } from '../../worker/metrics/index.js';
import type { MeterReadings } from '../api-call-meter.js';
import type { SalesforceConnections } from '../salesforce-connections.js';
import { committedTotalsOf } from './committed-totals.js';
import { selectFields } from './select-fields.js';
import { serverWindowEnd } from './server-window-end.js';
import { windowCountQuery } from './window-soql.js';

export interface PlanSyncInput {
  connection: string;
  object: string;
  fields?: string[];
  mode: 'incremental' | 'full';
  consistencyLagSeconds: number;
  bulkThreshold: number;
  /** A backfill slice [from, to) under its own cursor; omitted = the incremental window. */
  window?: { from: string; to: string; cursor: string };
}

/** The cursor of the incremental sync; backfill slices name their own. */
export const INCREMENTAL_CURSOR = 'incremental';

export interface PlanSyncDeps {
  salesforce: SalesforceConnections;
  stores: Pick<ConnectionStores, 'get'>;
  now: () => number;
  metrics?: Pick<WorkerMetrics, 'recordClockSkew'> | undefined;
}

/**
 * Describes the object, evolves the destination table, fixes the window (committed watermark, now - lag] and
 * counts it to choose the route. Deleted rows count too: the window is read with queryAll. "now" is Salesforce's,
 * from the describe response's `Date` header, never the worker's clock.
 */
export function createPlanSync(deps: PlanSyncDeps) {
  return (input: PlanSyncInput): Promise<SyncPlan> => meterApiCalls((apiCalls, readings) => planSyncMetered(input, apiCalls, readings));

  async function planSyncMetered(input: PlanSyncInput, apiCalls: () => number, readings: MeterReadings): Promise<SyncPlan> {
    const client = deps.salesforce.get(input.connection);
    const store = await deps.stores.get(input.connection);
    const describe = await client.describe(input.object);
    const fields = selectFields(describe.name, describe.fields, input.fields);
    const table = await store.ensureTable(describe.name, fields);
    const cursor = input.window?.cursor ?? INCREMENTAL_CURSOR;
    if (input.mode === 'full') await store.resetSyncState(input.connection, describe.name, cursor);

    const state = await store.readSyncState(input.connection, describe.name, cursor);
    // A Bulk job left unfinished by an earlier run keeps its window, so that very job is resumed.
    const unfinishedJob = state?.bulk && state.windowEnd ? { end: state.windowEnd } : undefined;
    const window = input.window
      ? { start: input.window.from, end: input.window.to, endExclusive: true }
      : { start: null, end: unfinishedJob?.end ?? incrementalEnd(input, readings), endExclusive: false };
    const watermark = state?.watermark ?? null;
    const expectedCount = await client.count(windowCountQuery(describe.name, watermark, window), { all: true });

    const bulk = unfinishedJob !== undefined || expectedCount > input.bulkThreshold;
    return {
      fields: fields.map((field) => field.name),
      watermark,
      windowStart: window.start,
      windowEnd: window.end,
      windowEndExclusive: window.endExclusive,
      cursor,
      expectedCount,
      route: bulk ? 'bulk' : 'rest',
      routeReason: unfinishedJob
        ? `resuming Bulk API 2.0 job ${state?.bulk?.jobId ?? ''} left unfinished by an earlier run`
        : bulk
          ? `${expectedCount} records exceed the Bulk threshold of ${input.bulkThreshold}`
          : `${expectedCount} records are within the REST threshold of ${input.bulkThreshold}`,
      addedColumns: table.addedColumns,
      apiCalls: apiCalls(),
      // Read after a full sync's reset, which keeps the totals: the baseline the summary counts from.
      committed: committedTotalsOf(state),
    };
  }

  function incrementalEnd(input: PlanSyncInput, readings: MeterReadings): string {
    return serverWindowEnd({
      connection: input.connection,
      serverDate: readings.serverDate(),
      workerNow: deps.now(),
      consistencyLagSeconds: input.consistencyLagSeconds,
      metrics: deps.metrics,
    });
  }
}
