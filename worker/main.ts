// `npm run worker`: the production shape. One worker process on the configured Temporal; SIGINT/SIGTERM drain it.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { pino } from 'pino';
import { createActivities } from '../activities/index.js';
import { loadConfig } from '../config/load-config.js';
import { freePort } from '../scripts/lib/free-port.js';
import { buildActivityDeps } from './build-activity-deps.js';
import { createWorker } from './create-worker.js';
import { startMetricsServer } from './metrics/index.js';
import { prebuiltBundlePath } from './prebuilt-bundle.js';
import { requireConnectionSecrets } from './require-connection-secrets.js';
import { installRuntime } from './runtime.js';
import { StartupError } from './startup-error.js';

const logger = pino({ name: 'sfsync-worker', level: process.env.LOG_LEVEL ?? 'info' });
const config = await loadConfig();
await requireConnectionSecrets(config.connections.values(), logger);
// Temporal Core serves its own metrics on a loopback port; ours append them so one scrape target has both.
const coreMetricsAddress = config.metrics.port === undefined ? undefined : `127.0.0.1:${await freePort()}`;
installRuntime({ level: 'INFO', ...(coreMetricsAddress ? { metricsBindAddress: coreMetricsAddress } : {}) });
const { address, namespace, taskQueue } = config.temporal;
const clientConnection = await Connection.connect({ address });
const temporal = new Client({ connection: clientConnection, namespace });
const { deps, metrics, close } = await buildActivityDeps(config, logger, { temporal }).catch((error: unknown) => {
  if (!(error instanceof StartupError)) throw error;
  console.error(`sfsync worker: ${error.message}`);
  process.exit(1);
});
// Syncs waiting for the API budget, per connection, as Temporal's visibility store knows them.
const pausedRefresh = setInterval(() => {
  for (const name of deps.salesforce.names) {
    const query = `ExecutionStatus = 'Running' AND SfPaused = true AND SfConnection = '${name}'`;
    temporal.workflow.count(query).then(
      ({ count }) => metrics.setPausedSyncs(name, count),
      (error: unknown) => logger.warn({ err: error }, 'counting paused syncs failed'),
    );
  }
}, 15_000);
pausedRefresh.unref();
const metricsServer = config.metrics.port === undefined
  ? undefined
  : await startMetricsServer({ host: config.metrics.host, port: config.metrics.port, registry: metrics.registry, coreMetricsUrl: `http://${coreMetricsAddress}/metrics`, logger });
const workflowBundle = prebuiltBundlePath(import.meta.url);
const connection = await NativeConnection.connect({ address });
try {
  const worker = await createWorker({
    connection,
    namespace,
    taskQueue,
    activities: createActivities(deps),
    // A bundle built ahead of time (`npm run build`) spares each worker start webpack's time and memory.
    ...(workflowBundle ? { workflowBundle: { codePath: workflowBundle } } : {}),
    shutdownGraceTime: process.env.SFSYNC_SHUTDOWN_GRACE ?? '30 seconds',
  });
  logger.info(
    { taskQueue, address, namespace, connections: deps.salesforce.names, config: config.file ?? '(embedded defaults)', metrics: metricsServer?.url },
    'worker polling',
  );
  // The SDK's runtime turns SIGINT/SIGTERM into worker.shutdown(): no new tasks, in-flight activities get the grace time.
  await worker.run();
} finally {
  clearInterval(pausedRefresh);
  await connection.close();
  await metricsServer?.close();
  await close();
  await clientConnection.close();
}
