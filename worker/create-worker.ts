import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { bundlerOptions, workflowsPath } from './workflow-bundle.js';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** Normally `createActivities(deps)`; a subset is enough for workflows that use only part of it. */
  activities: object;
  /** A prebuilt bundle (tests, production); omitted = bundle `workflows/` at start. */
  workflowBundle?: WorkflowBundleOption;
  /** How long in-flight activities get to finish on shutdown before they are cancelled. */
  shutdownGraceTime?: string;
  maxConcurrentActivityTaskExecutions?: number;
}

export function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  const code = options.workflowBundle
    ? { workflowBundle: options.workflowBundle }
    : { workflowsPath, bundlerOptions: { webpackConfigHook: bundlerOptions } };
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities,
    ...code,
    shutdownGraceTime: options.shutdownGraceTime ?? '30 seconds',
    // Two cores: a handful of concurrent page activities saturate them; Salesforce concurrency is bounded too.
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions ?? 8,
  });
}

export { NativeConnection };
