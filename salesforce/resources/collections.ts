import { z } from 'zod';
import type { ApiCaller } from '../client/api-caller.js';
import { toSalesforceError } from '../errors/to-salesforce-error.js';
import { chunk } from './chunk.js';
import type { SaveResult, SObjectRecord } from './record-schemas.js';
import { saveResultSchema, sobjectRecordSchema } from './record-schemas.js';
import type { SObjectFields } from './sobjects.js';

/** sObject Collections take at most 200 records per write call (docs/salesforce-api.md §5.3). */
export const COLLECTIONS_MAX_RECORDS = 200;
/** The POST form of Collections retrieve takes up to 2,000 ids (docs/salesforce-api.md §5.3). */
export const COLLECTIONS_MAX_RETRIEVE_IDS = 2000;

export interface CollectionOptions {
  /** Roll back the chunk if any record fails. Defaults to false, as in Salesforce. Holds per chunk of 200. */
  allOrNone?: boolean;
  signal?: AbortSignal;
}

export interface CollectionsApi {
  create(object: string, records: readonly SObjectFields[], options?: CollectionOptions): Promise<SaveResult[]>;
  /** Each record carries its `Id`. */
  update(object: string, records: readonly SObjectFields[], options?: CollectionOptions): Promise<SaveResult[]>;
  /** Each record carries its value of `externalIdField`. */
  upsert(object: string, externalIdField: string, records: readonly SObjectFields[], options?: CollectionOptions): Promise<SaveResult[]>;
  delete(ids: readonly string[], options?: CollectionOptions): Promise<SaveResult[]>;
  /** `null` where an id is invalid or not accessible. */
  retrieve(object: string, ids: readonly string[], fields: readonly string[], options?: { signal?: AbortSignal }): Promise<(SObjectRecord | null)[]>;
}

const saveResultsSchema = z.array(saveResultSchema);
const retrievedSchema = z.array(sobjectRecordSchema.nullable());

/**
 * `/composite/sobjects` (docs/salesforce-api.md §5.3), chunked so callers can pass any number of records. Each call
 * counts as one API request; per-record results come back in input order, failures included.
 */
export function createCollectionsApi(api: ApiCaller): CollectionsApi {
  async function write(
    records: readonly SObjectFields[],
    options: CollectionOptions,
    send: (body: { allOrNone: boolean; records: SObjectFields[] }, signal: { signal?: AbortSignal }) => Promise<SaveResult[]>,
  ): Promise<SaveResult[]> {
    const signal = options.signal === undefined ? {} : { signal: options.signal };
    const results: SaveResult[] = [];
    for (const group of chunk(records, COLLECTIONS_MAX_RECORDS)) {
      const chunkResults = await send({ allOrNone: options.allOrNone ?? false, records: group }, signal);
      results.push(...expectCount(chunkResults, group.length));
    }
    return results;
  }

  return {
    async create(object, records, options = {}) {
      return write(withType(object, records), options, (json, signal) =>
        api.json({ method: 'POST', path: api.path('composite', 'sobjects'), route: '/composite/sobjects', json, ...signal }, saveResultsSchema, 'collections create'),
      );
    },

    async update(object, records, options = {}) {
      requireField(records, 'Id', 'update');
      return write(withType(object, records), options, (json, signal) =>
        api.json(
          { method: 'PATCH', path: api.path('composite', 'sobjects'), route: '/composite/sobjects', json, idempotent: true, ...signal },
          saveResultsSchema,
          'collections update',
        ),
      );
    },

    async upsert(object, externalIdField, records, options = {}) {
      requireField(records, externalIdField, 'upsert');
      return write(withType(object, records), options, (json, signal) =>
        api.json(
          {
            method: 'PATCH',
            path: api.path('composite', 'sobjects', object, externalIdField),
            route: '/composite/sobjects/{object}/{externalIdField}',
            json,
            idempotent: true,
            ...signal,
          },
          saveResultsSchema,
          'collections upsert',
        ),
      );
    },

    async delete(ids, options = {}) {
      const results: SaveResult[] = [];
      for (const group of chunk(ids, COLLECTIONS_MAX_RECORDS)) {
        const chunkResults = await api.json(
          {
            method: 'DELETE',
            path: api.path('composite', 'sobjects'),
            route: '/composite/sobjects',
            query: { ids: group.join(','), allOrNone: String(options.allOrNone ?? false) },
            ...(options.signal === undefined ? {} : { signal: options.signal }),
          },
          saveResultsSchema,
          'collections delete',
        );
        results.push(...expectCount(chunkResults, group.length));
      }
      return results;
    },

    async retrieve(object, ids, fields, options = {}) {
      const results: (SObjectRecord | null)[] = [];
      for (const group of chunk(ids, COLLECTIONS_MAX_RETRIEVE_IDS)) {
        // POST because a GET with hundreds of ids overflows the 16 KB URI limit (docs/salesforce-api.md §2.1); it reads only.
        const chunkResults = await api.json(
          {
            method: 'POST',
            path: api.path('composite', 'sobjects', object),
            route: '/composite/sobjects/{object}',
            json: { ids: group, fields },
            idempotent: true,
            ...(options.signal === undefined ? {} : { signal: options.signal }),
          },
          retrievedSchema,
          'collections retrieve',
        );
        results.push(...expectCount(chunkResults, group.length));
      }
      return results;
    },
  };
}

function withType(object: string, records: readonly SObjectFields[]): SObjectFields[] {
  return records.map((record) => ({ attributes: { type: object }, ...record }));
}

function requireField(records: readonly SObjectFields[], field: string, operation: string): void {
  const index = records.findIndex((record) => record[field] === undefined || record[field] === null || record[field] === '');
  if (index !== -1) {
    throw toSalesforceError({ code: 'INVALID_ARGUMENT', message: `collections ${operation}: record ${index} has no ${field}` });
  }
}

/** Results are positional; a count mismatch would pair results with the wrong records. */
function expectCount<T>(results: T[], expected: number): T[] {
  if (results.length !== expected) {
    throw toSalesforceError({ code: 'INVALID_RESPONSE', message: `expected ${expected} collection results, got ${results.length}` });
  }
  return results;
}
