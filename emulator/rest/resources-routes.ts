import { jsonResponse } from '../http/api-types.js';
import { RestError } from '../http/rest-error.js';
import { identityUrl, type OrgRuntime } from '../org-runtime.js';
import type { DataRoute } from './data-request.js';

/** Resource names of `GET /services/data/vXX.X/` (a subset of the ~40 a real org lists). */
const RESOURCES = [
  'tooling', 'metadata', 'eclair', 'folders', 'prechatForms', 'async-queries', 'query', 'jsonxform', 'chatter', 'tabs',
  'appMenu', 'quickActions', 'queryAll', 'commerce', 'wave', 'iot', 'analytics', 'search', 'identity', 'composite',
  'parameterizedSearch', 'fingerprint', 'theme', 'nouns', 'event', 'serviceTemplates', 'recent', 'connect', 'licensing',
  'limits', 'process', 'localizedvalue', 'mobile', 'emailConnect', 'consent', 'tokenizer', 'compactLayouts', 'sobjects',
  'actions', 'support', 'jobs',
] as const;

/** Salesforce charges 2 KB of data storage per record (most objects). */
const RECORD_STORAGE_KB = 2;

/** Allocations of a Developer Edition org; DailyApiRequests, DataStorageMB and the Bulk entries are live, the rest are at their max. */
const STATIC_LIMITS: Record<string, number> = {
  ConcurrentAsyncGetReportInstances: 200, ConcurrentSyncReportRuns: 20, DailyAnalyticsDataflowJobExecutions: 60,
  DailyAsyncApexExecutions: 250_000, DailyAsyncApexTests: 500, DailyBulkApiBatches: 15_000,
  DailyBulkV2QueryFileStorageMB: 976_562, DailyBulkV2QueryJobs: 10_000, DailyDurableGenericStreamingApiEvents: 10_000,
  DailyDurableStreamingApiEvents: 10_000, DailyGenericStreamingApiEvents: 10_000, DailyStandardVolumePlatformEvents: 10_000,
  DailyStreamingApiEvents: 10_000, DailyWorkflowEmails: 405, DurableStreamingApiConcurrentClients: 20, FileStorageMB: 20,
  HourlyAsyncReportRuns: 1_200, HourlyDashboardRefreshes: 200, HourlyDashboardResults: 5_000, HourlyDashboardStatuses: 999_999_999,
  HourlyLongTermIdMapping: 100_000, HourlyManagedContentPublicRequests: 50_000, HourlyODataCallout: 10_000,
  HourlyPublishedPlatformEvents: 50_000, HourlyPublishedStandardVolumePlatformEvents: 100_000, HourlySyncReportRuns: 500,
  HourlyTimeBasedWorkflow: 50, MassEmail: 10, MonthlyPlatformEventsUsageEntitlement: 0, Package2VersionCreates: 6,
  Package2VersionCreatesWithoutValidation: 500, PermissionTypes: 30, PrivateConnectOutboundCalloutHourlyLimitMB: 0,
  SingleEmail: 15, StreamingApiConcurrentClients: 20,
};
/** Data storage of the emulator's org: larger than Developer Edition's 5 MB so big seeds do not show as over quota. */
const DATA_STORAGE_MB = 1_024;

export function resourcesRoutes(runtime: OrgRuntime): DataRoute[] {
  return [
    {
      methods: ['GET'], template: '/',
      handler: (request) => {
        const base = `/services/data/v${request.version}`;
        const resources: Record<string, string> = {};
        for (const name of RESOURCES) resources[name] = `${base}/${name}`;
        resources['identity'] = identityUrl(runtime, request.session.userId);
        return jsonResponse(200, resources);
      },
    },
    {
      methods: ['GET'], template: '/limits',
      handler: () => {
        const { usage } = runtime;
        const limits: Record<string, { Max: number; Remaining: number }> = {};
        for (const [name, max] of Object.entries(STATIC_LIMITS)) limits[name] = { Max: max, Remaining: max };
        limits['DailyApiRequests'] = { Max: usage.max, Remaining: Math.max(0, usage.max - usage.used()) };
        Object.assign(limits, runtime.bulk.limitEntries());
        const records = [...runtime.store.allTables()].reduce((sum, table) => sum + table.liveCount, 0);
        limits['DataStorageMB'] = { Max: DATA_STORAGE_MB, Remaining: Math.max(0, DATA_STORAGE_MB - Math.ceil((records * RECORD_STORAGE_KB) / 1024)) };
        return jsonResponse(200, Object.fromEntries(Object.entries(limits).sort(([a], [b]) => a.localeCompare(b))));
      },
    },
    {
      methods: ['GET'], template: '/limits/recordCount',
      handler: (request) => {
        const names = request.query.get('sObjects')?.split(',').map((name) => name.trim()).filter((name) => name !== '');
        const objects = names === undefined ? runtime.store.schema.objects : names.map((name) => {
          const object = runtime.store.schema.object(name);
          if (object === undefined) throw new RestError(400, 'INVALID_TYPE', `sObject type '${name}' is not supported.`);
          return object;
        });
        return jsonResponse(200, {
          sObjects: objects.map((object) => ({ count: runtime.store.tableFor(object).liveCount, name: object.name })),
        });
      },
    },
  ];
}
