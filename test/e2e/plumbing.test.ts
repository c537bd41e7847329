import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWorker } from '../../activities/describe-worker.js';
import { createWorker } from '../../worker/create-worker.js';
import { connectTestTemporal, uniqueTaskQueue } from '../support/temporal.js';

describe('a worker on the real dev server', () => {
  let temporal: Awaited<ReturnType<typeof connectTestTemporal>>;
  beforeAll(async () => {
    temporal = await connectTestTemporal();
  });
  afterAll(async () => temporal.close());

  it('runs a workflow whose activity result and history are readable through the client', async () => {
    const taskQueue = uniqueTaskQueue('plumbing');
    const worker = await createWorker({
      connection: temporal.nativeConnection,
      namespace: temporal.namespace,
      taskQueue,
      activities: { describeWorker },
      workflowBundle: temporal.workflowBundle,
    });
    const workflowId = `diagnose-${taskQueue}`;
    const result = await worker.runUntil(
      temporal.client.workflow.execute('diagnoseWorkflow', { taskQueue, workflowId, args: [] }),
    );
    expect(result).toMatchObject({ pid: process.pid, taskQueue, node: process.version });

    const history = await temporal.client.workflow.getHandle(workflowId).fetchHistory();
    const events = history.events ?? [];
    const completedActivity = events.find((event) => event.activityTaskCompletedEventAttributes);
    expect(completedActivity).toBeDefined();
    expect(events.at(-1)?.workflowExecutionCompletedEventAttributes).toBeTruthy();
  });
});
