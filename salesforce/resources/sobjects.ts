import { z } from 'zod';
import type { ApiCaller } from '../client/api-caller.js';
import { readJson } from '../http/read-json.js';
import type { SObjectRecord } from './record-schemas.js';
import { saveResultSchema, sobjectRecordSchema } from './record-schemas.js';

export type SObjectFields = Readonly<Record<string, unknown>>;

export interface UpsertResult {
  /** Absent only on API versions before v46.0, which answer an update with 204 and no body. */
  id?: string;
  created: boolean;
}

export interface SObjectsApi {
  create(object: string, fields: SObjectFields): Promise<{ id: string }>;
  retrieve(object: string, id: string, options?: { fields?: readonly string[] }): Promise<SObjectRecord>;
  update(object: string, id: string, fields: SObjectFields): Promise<void>;
  delete(object: string, id: string): Promise<void>;
  /** Insert or update by external id: idempotent, so it is the write the sync uses. */
  upsert(object: string, externalIdField: string, externalId: string, fields: SObjectFields): Promise<UpsertResult>;
}

const createdSchema = saveResultSchema.extend({ id: z.string() });

/** sObject rows (docs/salesforce-api.md §3.3, §3.4). Failures arrive as error arrays and are thrown by the layers below. */
export function createSObjectsApi(api: ApiCaller): SObjectsApi {
  return {
    async create(object, fields) {
      const result = await api.json(
        { method: 'POST', path: api.path('sobjects', object), route: '/sobjects/{object}', json: fields },
        createdSchema,
        `create ${object}`,
      );
      return { id: result.id };
    },

    retrieve(object, id, options = {}) {
      return api.json(
        {
          method: 'GET',
          path: api.path('sobjects', object, id),
          route: '/sobjects/{object}/{id}',
          ...(options.fields === undefined ? {} : { query: { fields: options.fields.join(',') } }),
        },
        sobjectRecordSchema,
        `retrieve ${object}`,
      );
    },

    async update(object, id, fields) {
      // Setting the same values twice leaves the same record: safe for transport retries.
      await api.send({ method: 'PATCH', path: api.path('sobjects', object, id), route: '/sobjects/{object}/{id}', json: fields, idempotent: true });
    },

    async delete(object, id) {
      await api.send({ method: 'DELETE', path: api.path('sobjects', object, id), route: '/sobjects/{object}/{id}' });
    },

    async upsert(object, externalIdField, externalId, fields) {
      const response = await api.send({
        method: 'PATCH',
        path: api.path('sobjects', object, externalIdField, externalId),
        route: '/sobjects/{object}/{externalIdField}/{externalId}',
        json: fields,
        idempotent: true,
      });
      // 201 inserted, 200 updated (v46+), 204 updated (v45 and older); 300 is thrown below us (docs/salesforce-api.md §3.4).
      if (response.status === 204) return { created: false };
      const result = readJson(response.body, saveResultSchema, `upsert ${object}`);
      const created = result.created ?? response.status === 201;
      return typeof result.id === 'string' ? { id: result.id, created } : { created };
    },
  };
}
