import { executeChild, ParentClosePolicy, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { backfillInputSchema, backfillSlices, type BackfillInput, type BackfillSummary } from '../common/backfill-input.js';
import { SfConnection, SfObject, SfPhase } from '../common/search-attributes.js';
import { objectSyncWorkflowId } from '../common/workflow-ids.js';
import { parseWorkflowInput } from './parse-input.js';
import { syncObjectWorkflow } from './sync-object.js';

/**
 * Re-reads a SystemModstamp range of one object in slices, each a child sync with a cursor of its own, so
 * the incremental watermark is untouched and a stale page can never overwrite a newer row (the store keeps
 * the newest SystemModstamp). Restarting the same backfill resumes each slice from its committed cursor.
 */
export async function backfillWorkflow(rawInput: BackfillInput): Promise<BackfillSummary> {
  const input = parseWorkflowInput(backfillInputSchema, rawInput, 'backfillWorkflow');
  const started = Date.now();
  upsertSearchAttributes([{ key: SfConnection, value: input.connection }, { key: SfObject, value: input.object }, { key: SfPhase, value: 'reading' }]);
  const rangeKey = `${input.from}..${input.to}`.replaceAll(/[^0-9TZ.]/g, '');
  const slices = backfillSlices(input.from, input.to, input.sliceDays).map((slice, index) => ({ ...slice, index }));
  const totals = { upserted: 0, deleted: 0, apiCalls: 0 };

  const queue = [...slices];
  const runNext = async (): Promise<void> => {
    for (let slice = queue.shift(); slice; slice = queue.shift()) {
      const cursor = `backfill:${rangeKey}:${slice.index}`;
      const summary = await executeChild(syncObjectWorkflow, {
        workflowId: `${objectSyncWorkflowId(input.connection, input.object)}:${cursor}`,
        args: [{
          connection: input.connection,
          object: input.object,
          ...(input.fields ? { fields: input.fields } : {}),
          deleteMode: input.deleteMode,
          ...(input.tuning ? { tuning: input.tuning } : {}),
          window: { from: slice.from, to: slice.to, cursor },
        }],
        parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
        staticSummary: `Backfill slice ${slice.index + 1}/${slices.length} of ${input.object}: ${slice.from} to ${slice.to} (${workflowInfo().workflowId})`,
      });
      totals.upserted += summary.upserted;
      totals.deleted += summary.deleted;
      totals.apiCalls += summary.apiCalls;
    }
  };
  await Promise.all(Array.from({ length: Math.min(input.concurrency, slices.length) }, runNext));
  upsertSearchAttributes([{ key: SfPhase, value: 'done' }]);
  return {
    connection: input.connection,
    object: input.object,
    from: input.from,
    to: input.to,
    slices: slices.length,
    ...totals,
    durationMs: Date.now() - started,
  };
}
