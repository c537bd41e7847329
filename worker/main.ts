// `npm run worker`: the production shape. One worker process on the configured Temporal; SIGINT/SIGTERM drain it.
import { NativeConnection } from '@temporalio/worker';
import { pino } from 'pino';
import { createActivities } from '../activities/index.js';
import { loadConfig } from '../config/load-config.js';
import { buildActivityDeps } from './build-activity-deps.js';
import { createWorker } from './create-worker.js';
import { installRuntime } from './runtime.js';

const logger = pino({ name: 'sfsync-worker', level: process.env.LOG_LEVEL ?? 'info' });
const config = await loadConfig();
installRuntime({ level: 'INFO' });
const { deps, close } = await buildActivityDeps(config, logger);
const { address, namespace, taskQueue } = config.temporal;
const connection = await NativeConnection.connect({ address });
try {
  const worker = await createWorker({
    connection,
    namespace,
    taskQueue,
    activities: createActivities(deps),
    shutdownGraceTime: process.env.SFSYNC_SHUTDOWN_GRACE ?? '30 seconds',
  });
  logger.info({ taskQueue, address, namespace, connections: deps.salesforce.names, config: config.file ?? '(embedded defaults)' }, 'worker polling');
  // The SDK's runtime turns SIGINT/SIGTERM into worker.shutdown(): no new tasks, in-flight activities get the grace time.
  await worker.run();
} finally {
  await connection.close();
  await close();
}
