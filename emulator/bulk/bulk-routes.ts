import type { OrgRuntime } from '../org-runtime.js';
import type { DataRoute } from '../rest/data-request.js';
import { ingestJobRoutes } from './ingest-job-routes.js';
import { queryJobRoutes } from './query-job-routes.js';

/** Bulk API 2.0 under `/services/data/vXX.X/jobs/`: every call is one API request, as Salesforce counts it (docs/salesforce-api.md §6.5). */
export function bulkRoutes(runtime: OrgRuntime): DataRoute[] {
  return [...queryJobRoutes(runtime.bulk), ...ingestJobRoutes(runtime.bulk, runtime.store.schema)];
}
