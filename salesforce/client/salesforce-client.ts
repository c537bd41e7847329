import type { Bulk2Api } from '../bulk2/bulk2-api.js';
import type { CollectionsApi } from '../resources/collections.js';
import type { CompositeResult, CompositeSubrequest } from '../resources/composite.js';
import type { GlobalDescribe, SObjectDescribe } from '../resources/describe-schemas.js';
import type { Limits } from '../resources/limits.js';
import type { CountOptions, QueryOptions } from '../resources/query.js';
import type { QueryPage, SObjectRecord } from '../resources/record-schemas.js';
import type { DeletedRecords, UpdatedRecords } from '../resources/replication.js';
import type { SObjectsApi } from '../resources/sobjects.js';
import type { ApiUsageTracker } from '../usage/api-usage-tracker.js';

/** One connection to one org, at one pinned API version. */
export interface SalesforceClient extends SObjectsApi {
  readonly name: string;
  readonly apiVersion: string;
  /** Latest usage per org and `threshold` / `api-call` events. */
  readonly usage: ApiUsageTracker;
  /** Authenticates and checks that the org offers the pinned version. Runs once, before the first call, if not called. */
  connect(): Promise<void>;
  describeGlobal(): Promise<GlobalDescribe>;
  describe(object: string): Promise<SObjectDescribe>;
  queryPages(soql: string, options?: QueryOptions): AsyncIterable<QueryPage>;
  query(soql: string, options?: QueryOptions): AsyncIterable<SObjectRecord>;
  count(soql: string, options?: CountOptions): Promise<number>;
  composite(subrequests: readonly CompositeSubrequest[], options?: { allOrNone?: boolean; signal?: AbortSignal }): Promise<CompositeResult[]>;
  readonly collections: CollectionsApi;
  /** Bulk API 2.0 query and ingest jobs. */
  readonly bulk2: Bulk2Api;
  limits(): Promise<Limits>;
  updated(object: string, start: Date, end: Date): Promise<UpdatedRecords>;
  deleted(object: string, start: Date, end: Date): Promise<DeletedRecords>;
  /** Closes the connection pools; later calls fail. */
  close(): Promise<void>;
}
