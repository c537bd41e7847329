import type { ApiCaller } from '../client/api-caller.js';
import { toSalesforceError } from '../errors/to-salesforce-error.js';
import { versionRoot } from '../http/api-urls.js';
import type { QueryPage, SObjectRecord } from './record-schemas.js';
import { queryPageSchema } from './record-schemas.js';

export interface QueryOptions {
  /** queryAll: include soft-deleted and archived rows (docs/salesforce-api.md §4.1). */
  all?: boolean;
  /** Rows per page, 200 to 2000; a hint Salesforce may lower (docs/salesforce-api.md §4.2). */
  batchSize?: number;
  /** A nextRecordsUrl from an earlier page, to continue an open cursor instead of starting over. */
  resumeFrom?: string;
  signal?: AbortSignal;
}

/** Sforce-Query-Options batchSize bounds (docs/salesforce-api.md §4.2). */
const MIN_BATCH_SIZE = 200;
const MAX_BATCH_SIZE = 2000;

/**
 * Pages of a SOQL query, following nextRecordsUrl until `done`. Only the current page is held in
 * memory. An expired cursor fails with INVALID_QUERY_LOCATOR: restart from your own watermark.
 */
export async function* queryPages(api: ApiCaller, soql: string, options: QueryOptions = {}): AsyncGenerator<QueryPage> {
  const headers = batchSizeHeader(options.batchSize);
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  const first =
    options.resumeFrom === undefined
      ? { path: api.path(options.all === true ? 'queryAll' : 'query'), query: { q: soql }, route: options.all === true ? '/queryAll' : '/query' }
      : { path: locatorPath(api, options.resumeFrom), route: '/query/{locator}' };
  let call = { method: 'GET' as const, ...first, ...headers, ...signal };
  for (;;) {
    if (options.signal?.aborted === true) throw toSalesforceError({ code: 'ABORTED', message: 'query aborted' });
    const page = await api.json(call, queryPageSchema, 'query page');
    yield page;
    if (page.done || page.nextRecordsUrl === undefined) return;
    call = { method: 'GET', path: locatorPath(api, page.nextRecordsUrl), route: '/query/{locator}', ...headers, ...signal };
  }
}

/** Records of a SOQL query, flattened over pages. */
export async function* queryRecords(api: ApiCaller, soql: string, options: QueryOptions = {}): AsyncGenerator<SObjectRecord> {
  for await (const page of queryPages(api, soql, options)) yield* page.records;
}

export interface CountOptions {
  /** Count through queryAll, including soft-deleted rows. */
  all?: boolean;
  signal?: AbortSignal;
}

/** `SELECT COUNT() FROM ...` puts the count in totalSize (docs/salesforce-api.md §4.1); any query's first page carries its full size. */
export async function countRecords(api: ApiCaller, soql: string, options: CountOptions = {}): Promise<number> {
  const all = options.all === true;
  const page = await api.json(
    {
      method: 'GET',
      path: api.path(all ? 'queryAll' : 'query'),
      route: all ? '/queryAll' : '/query',
      query: { q: soql },
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    },
    queryPageSchema,
    'count',
  );
  return page.totalSize;
}

function batchSizeHeader(batchSize: number | undefined): { headers?: Record<string, string> } {
  if (batchSize === undefined) return {};
  if (!Number.isInteger(batchSize) || batchSize < MIN_BATCH_SIZE || batchSize > MAX_BATCH_SIZE) {
    throw toSalesforceError({
      code: 'INVALID_ARGUMENT',
      message: `batchSize must be an integer from ${MIN_BATCH_SIZE} to ${MAX_BATCH_SIZE}, got ${batchSize}`,
    });
  }
  return { headers: { 'sforce-query-options': `batchSize=${batchSize}` } };
}

/** A cursor path must be one of ours: `/services/data/<pinned version>/query/<locator>` (queryAll locators also use /query/). */
function locatorPath(api: ApiCaller, path: string): string {
  const root = versionRoot(api.apiVersion);
  if (!new RegExp(`^${root.replace(/\./g, '\\.')}/(?:query|queryAll)/[A-Za-z0-9_-]+$`).test(path)) {
    throw toSalesforceError({ code: 'INVALID_ARGUMENT', message: `not a query cursor of API ${api.apiVersion}: ${path.slice(0, 120)}` });
  }
  return path;
}
