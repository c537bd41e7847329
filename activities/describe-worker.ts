import { hostname } from 'node:os';
import { activityInfo } from '@temporalio/activity';

export interface WorkerDescription {
  hostname: string;
  pid: number;
  node: string;
  taskQueue: string;
}

export function describeWorker(): Promise<WorkerDescription> {
  return Promise.resolve({ hostname: hostname(), pid: process.pid, node: process.version, taskQueue: activityInfo().taskQueue });
}
