import { getExternalWorkflowHandle, proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.js';
import { fromSyncFailure } from '../common/application-failure.js';
import { FailureType } from '../common/failure-types.js';
import { SyncFailure } from '../common/sync-failure.js';
import { SfConnection, SfObject } from '../common/search-attributes.js';
import { planningActivityOptions } from './retry-policies.js';
import { recheckBudgetSignal } from './signals.js';

type Activities = ReturnType<typeof createActivities>;
const { snapshotLimits } = proxyActivities<Activities>({ ...planningActivityOptions, summary: 'Read /limits and record a usage snapshot' });
const { listPausedSyncs } = proxyActivities<Activities>({ ...planningActivityOptions, summary: 'Find syncs paused for the API budget' });

export interface MonitorLimitsResult {
  usedRatio: number;
  used: number;
  max: number;
  crossed: number[];
  recovered: number[];
  /** Paused syncs told to re-check the budget now. */
  signalled: string[];
}

/**
 * Run by a Temporal Schedule every few minutes per connection: records the org's /limits in the usage
 * history (alerts fire on threshold crossings), and when usage has fallen back below a threshold, tells the
 * syncs paused for the budget to re-check now instead of at their next timer.
 */
export async function monitorLimitsWorkflow(input: { connection: string }): Promise<MonitorLimitsResult> {
  if (typeof input?.connection !== 'string' || input.connection.length === 0) {
    throw fromSyncFailure(new SyncFailure(FailureType.InvalidInput, 'Invalid monitorLimitsWorkflow input: connection: required'));
  }
  upsertSearchAttributes([{ key: SfConnection, value: input.connection }, { key: SfObject, value: '*' }]);
  const summary = await snapshotLimits({ connection: input.connection });
  const signalled = summary.recovered.length > 0 ? await listPausedSyncs({ connection: input.connection }) : [];
  await Promise.all(signalled.map((id) => getExternalWorkflowHandle(id).signal(recheckBudgetSignal)));
  return { usedRatio: summary.usedRatio, used: summary.used, max: summary.max, crossed: summary.crossed, recovered: summary.recovered, signalled };
}
