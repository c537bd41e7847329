// `npm run worker`: the production shape. One worker process on TEMPORAL_ADDRESS; SIGINT/SIGTERM drain it.
import { NativeConnection } from '@temporalio/worker';
import { createActivities } from '../activities/index.js';
import { createWorker } from './create-worker.js';
import { installRuntime } from './runtime.js';
import { readWorkerEnv } from './worker-env.js';

const env = readWorkerEnv();
installRuntime({ level: 'INFO' });
const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
try {
  const worker = await createWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.SFSYNC_TASK_QUEUE,
    activities: createActivities(),
    shutdownGraceTime: env.SFSYNC_SHUTDOWN_GRACE,
  });
  console.error(`sfsync worker polling ${env.SFSYNC_TASK_QUEUE} on ${env.TEMPORAL_ADDRESS} (${env.TEMPORAL_NAMESPACE})`);
  // The SDK's runtime turns SIGINT/SIGTERM into worker.shutdown(): no new tasks, in-flight activities get the grace time.
  await worker.run();
} finally {
  await connection.close();
}
