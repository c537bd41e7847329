import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.js';

type Activities = ReturnType<typeof createActivities>;

const { describeWorker } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3 },
  summary: 'Describe the worker that picked up this task',
});

/** Proves a worker polls the task queue and can run activities; reports which worker answered. */
export async function diagnoseWorkflow(): Promise<Awaited<ReturnType<Activities['describeWorker']>>> {
  return describeWorker();
}
