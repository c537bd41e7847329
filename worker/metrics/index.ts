export { createWorkerMetrics, type CommitCounts, type WorkerMetrics, type WorkerMetricsDeps } from './worker-metrics.js';
export { startMetricsServer, type MetricsServer, type MetricsServerOptions } from './metrics-server.js';
