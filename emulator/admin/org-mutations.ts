import { z } from 'zod';
import type { Random } from '../random.js';
import type { ObjectSchema } from '../schema/object-schema.js';
import { RECORD_GENERATORS, UPDATE_GENERATORS } from '../seed/record-generators.js';
import { SeedRecordBuilder } from '../seed/seed-record-builder.js';
import { deleteBlocker, softDelete } from '../store/delete-records.js';
import type { OrgStore } from '../store/org-store.js';
import { createRecord, updateRecord } from '../store/record-writer.js';
import { notFound } from '../store/save-error.js';
import type { StoredRecord } from '../store/stored-record.js';
import { normalizeId, sequenceOf } from '../ids/salesforce-id.js';
import { formatDateTime, parseDateTimeInput } from '../values/datetime.js';

export const mutateRequestSchema = z.object({
  object: z.string(),
  create: z.number().int().nonnegative().optional(),
  update: z.number().int().nonnegative().optional(),
  delete: z.number().int().nonnegative().optional(),
  /**
   * Every touched record gets exactly this SystemModstamp (and LastModifiedDate): ties, and "late commits"
   * that land behind a sync's watermark. ISO-8601 datetime.
   */
  systemModstamp: z.string().optional(),
});

export type MutateRequest = z.infer<typeof mutateRequestSchema>;

export interface MutateResult {
  created: string[];
  updated: string[];
  deleted: string[];
}

/** Simulated org activity: generated creates, small realistic edits, and deletes of random live records. */
export function mutateOrg(store: OrgStore, object: ObjectSchema, request: MutateRequest, actorId: string, random: Random): MutateResult {
  const forced = request.systemModstamp === undefined ? null : parseDateTimeInput(request.systemModstamp);
  if (request.systemModstamp !== undefined && forced === null) throw new Error(`invalid systemModstamp: ${request.systemModstamp}`);
  const at = forced === null ? store.now() : Math.floor(forced / 1000) * 1000;
  const table = store.tableFor(object);
  return store.write(() => {
    const created: string[] = [];
    const generate = RECORD_GENERATORS[object.name];
    if ((request.create ?? 0) > 0 && generate === undefined) throw new Error(`cannot generate ${object.name} records`);
    const builder = new SeedRecordBuilder(object, table);
    const liveIds = new Map<string, string[]>();
    const parentId = (name: string): string | null => {
      let ids = liveIds.get(name);
      if (ids === undefined) liveIds.set(name, (ids = sample(store, name, random, 200)));
      return ids.length === 0 ? null : random.pick(ids);
    };
    for (let i = 0; i < (request.create ?? 0) && generate !== undefined; i++) {
      const id = store.ids.allocate(object.keyPrefix);
      const fields = generate({ random, sequence: sequenceOf(id) ?? table.size + 1, created: at, parentId });
      const record = builder.build(id, fields, {
        created: at, lastModified: at, modstamp: at, createdById: actorId, lastModifiedById: actorId, ownerId: actorId,
      });
      store.insert(table, record);
      created.push(record.id);
    }
    const updates = pickLive(store, object, request.update ?? 0, random);
    const edit = UPDATE_GENERATORS[object.name] ?? (() => ({}));
    for (const record of updates) {
      const input = forced === null ? edit(random) : { ...edit(random), SystemModstamp: formatDateTime(at), LastModifiedDate: formatDateTime(at) };
      updateRecord(store, object, record, input, actorId, { trusted: forced !== null });
    }
    const deletions = pickLive(store, object, request.delete ?? 0, random);
    for (const record of deletions) {
      const blocker = deleteBlocker(object, record);
      if (blocker !== null) throw blocker;
    }
    softDelete(store, table, deletions, actorId, at);
    return { created, updated: updates.map((record) => record.id), deleted: deletions.map((record) => record.id) };
  });
}

/** Inserts exact records; system fields (Id, CreatedDate, SystemModstamp, IsDeleted...) may be set. */
export function insertRecords(store: OrgStore, object: ObjectSchema, records: readonly Record<string, unknown>[], actorId: string): string[] {
  return store.write(() => records.map((input) => createRecord(store, object, input, actorId, { trusted: true }).id));
}

/** Updates records by their `Id`; system fields may be set, so an explicit SystemModstamp is kept as given. */
export function updateRecords(store: OrgStore, object: ObjectSchema, records: readonly Record<string, unknown>[], actorId: string): string[] {
  return store.write(() => records.map((input) => {
    const id = typeof input['Id'] === 'string' ? normalizeId(input['Id']) : null;
    const record = id === null ? undefined : store.tableFor(object).get(id);
    if (record === undefined) throw notFound();
    return updateRecord(store, object, record, input, actorId, { trusted: true }).id;
  }));
}

export function deleteRecords(store: OrgStore, object: ObjectSchema, ids: readonly string[], actorId: string): string[] {
  const table = store.tableFor(object);
  const records = ids.map((raw) => {
    const id = normalizeId(raw);
    const record = id === null ? undefined : table.get(id);
    if (record === undefined) throw notFound();
    const blocker = deleteBlocker(object, record);
    if (blocker !== null) throw blocker;
    return record;
  });
  store.write(() => softDelete(store, table, records, actorId));
  return records.map((record) => record.id);
}

/** Up to `count` distinct random live records. */
function pickLive(store: OrgStore, object: ObjectSchema, count: number, random: Random): StoredRecord[] {
  const index = store.tableFor(object).index('id', false);
  if (count >= index.size) {
    const all: StoredRecord[] = [];
    index.scan(0, 1, (record) => all.push(record) > 0);
    return all;
  }
  const positions = new Set<number>();
  while (positions.size < count) positions.add(random.int(0, index.size - 1));
  return [...positions].map((position) => index.at(position) as StoredRecord);
}

function sample(store: OrgStore, objectName: string, random: Random, count: number): string[] {
  const object = store.schema.object(objectName);
  return object === undefined ? [] : pickLive(store, object, count, random).map((record) => record.id);
}
