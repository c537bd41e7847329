import { z } from 'zod';
import { DEFAULT_TASK_QUEUE } from '../common/task-queue.js';

const workerEnvSchema = z.object({
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  SFSYNC_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  SFSYNC_SHUTDOWN_GRACE: z.string().min(1).default('30 seconds'),
});

export type WorkerEnv = z.infer<typeof workerEnvSchema>;

/** Parses the worker's environment once at start-up; a bad value names the variable and exits. */
export function readWorkerEnv(env: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const parsed = workerEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid worker environment: ${problems}`);
  }
  return parsed.data;
}
