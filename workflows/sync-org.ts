import {
  ApplicationFailure,
  ChildWorkflowFailure,
  executeChild,
  ParentClosePolicy,
  proxyActivities,
  rootCause,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { createActivities } from '../activities/index.js';
import { FailureType } from '../common/failure-types.js';
import { SfConnection, SfObject, SfPhase } from '../common/search-attributes.js';
import { syncOrgInputSchema, type ObjectSyncOutcome, type ObjectSyncSettings, type OrgSyncSummary, type SyncOrgInput } from '../common/sync-org-input.js';
import { objectSyncWorkflowId } from '../common/workflow-ids.js';
import { orgProgressQuery } from './queries.js';
import { planningActivityOptions } from './retry-policies.js';
import { parseWorkflowInput } from './parse-input.js';
import { syncObjectWorkflow } from './sync-object.js';

type Activities = ReturnType<typeof createActivities>;
const { listSyncObjects } = proxyActivities<Activities>({ ...planningActivityOptions, summary: 'List the objects to sync' });

function outcomeOfFailure(object: string, workflowId: string, error: unknown): ObjectSyncOutcome {
  if (error instanceof WorkflowExecutionAlreadyStartedError) {
    return { object, workflowId, status: 'skipped', error: { type: FailureType.AlreadyRunning, message: `a sync of ${object} is already running` } };
  }
  const cause = error instanceof ChildWorkflowFailure ? rootCause(error) : undefined;
  const root = error instanceof ChildWorkflowFailure ? error.cause : error;
  const type = findFailureType(root) ?? FailureType.Unknown;
  return { object, workflowId, status: 'failed', error: { type, message: cause ?? String(error) } };
}

function findFailureType(error: unknown): string | undefined {
  for (let current = error; current instanceof Error; current = (current as Error).cause) {
    if (current instanceof ApplicationFailure && current.type) return current.type;
  }
  return undefined;
}

/**
 * Syncs many objects of one org as child workflows, a bounded number at a time. One object failing does
 * not stop the others; the summary says which failed and why.
 */
export async function syncOrgWorkflow(rawInput: SyncOrgInput): Promise<OrgSyncSummary> {
  const input = parseWorkflowInput(syncOrgInputSchema, rawInput, 'syncOrgWorkflow');
  const started = Date.now();
  upsertSearchAttributes([{ key: SfConnection, value: input.connection }, { key: SfObject, value: '*' }, { key: SfPhase, value: 'planning' }]);

  const settings: ObjectSyncSettings[] = input.objects
    ? input.objects.map((entry) => (typeof entry === 'string' ? { object: entry } : entry))
    : await listSyncObjects({ connection: input.connection });
  const outcomes = new Map<string, ObjectSyncOutcome | { object: string; status: 'pending' | 'running'; workflowId: string }>(
    settings.map((s) => [s.object, { object: s.object, status: 'pending', workflowId: objectSyncWorkflowId(input.connection, s.object) }]),
  );
  setHandler(orgProgressQuery, () => ({ connection: input.connection, objects: [...outcomes.values()] }));
  upsertSearchAttributes([{ key: SfPhase, value: 'reading' }]);

  const queue = [...settings];
  const runNext = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const setting = next;
      const workflowId = objectSyncWorkflowId(input.connection, setting.object);
      outcomes.set(setting.object, { object: setting.object, status: 'running', workflowId });
      try {
        const summary = await executeChild(syncObjectWorkflow, {
          workflowId,
          args: [{ ...setting, connection: input.connection, mode: input.mode, ...(input.tuning ? { tuning: input.tuning } : {}) }],
          // Cancelling the org sync cancels its object syncs; a finished page is never lost either way.
          parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
          typedSearchAttributes: [
            { key: SfConnection, value: input.connection },
            { key: SfObject, value: setting.object },
          ],
          staticSummary: `Sync ${setting.object} (${input.mode}) for ${workflowInfo().workflowId}`,
        });
        outcomes.set(setting.object, {
          object: setting.object, workflowId, status: 'synced', route: summary.route, routeReason: summary.routeReason,
          upserted: summary.upserted, deleted: summary.deleted, apiCalls: summary.apiCalls, durationMs: summary.durationMs,
        });
      } catch (error) {
        outcomes.set(setting.object, outcomeOfFailure(setting.object, workflowId, error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(input.concurrency, settings.length) }, runNext));

  const objects = settings.map((s) => outcomes.get(s.object) as ObjectSyncOutcome);
  upsertSearchAttributes([{ key: SfPhase, value: 'done' }]);
  const sum = (pick: (o: ObjectSyncOutcome) => number | undefined) => objects.reduce((total, o) => total + (pick(o) ?? 0), 0);
  return {
    connection: input.connection,
    mode: input.mode,
    objects,
    synced: objects.filter((o) => o.status === 'synced').length,
    failed: objects.filter((o) => o.status === 'failed').length,
    skipped: objects.filter((o) => o.status === 'skipped').length,
    upserted: sum((o) => o.upserted),
    deleted: sum((o) => o.deleted),
    apiCalls: sum((o) => o.apiCalls),
    durationMs: Date.now() - started,
  };
}
