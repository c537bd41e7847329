import { bulkRoutes } from '../bulk/bulk-routes.js';
import type { OrgRuntime } from '../org-runtime.js';
import type { DataRoute, Dispatch } from './data-request.js';
import { collectionsRoutes } from './collections-routes.js';
import { compositeBatchRoute } from './composite-batch-route.js';
import { compositeRoutes } from './composite-routes.js';
import { describeRoutes } from './describe-routes.js';
import { queryRoutes } from './query-routes.js';
import { recordRoutes } from './record-routes.js';
import { replicationRoutes } from './replication-routes.js';
import { resourcesRoutes } from './resources-routes.js';

/**
 * Every resource under `/services/data/vXX.X/`, one module per surface, most specific templates first.
 * A new surface (Bulk API 2.0 jobs) is one more module in this list.
 */
export function dataRoutes(runtime: OrgRuntime, dispatch: Dispatch): DataRoute[] {
  return [
    ...resourcesRoutes(runtime),
    ...queryRoutes(runtime),
    compositeBatchRoute(runtime, dispatch),
    ...collectionsRoutes(runtime),
    ...compositeRoutes(runtime, dispatch),
    ...describeRoutes(runtime),
    ...replicationRoutes(runtime),
    ...bulkRoutes(runtime),
    ...recordRoutes(runtime),
  ];
}
