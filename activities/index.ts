import { describeWorker } from './describe-worker.js';

/** Every activity, built from dependencies the worker creates once (STYLE.md lesson 2). */
export function createActivities() {
  return { describeWorker };
}
