import { sequenceOf } from '../ids/salesforce-id.js';
import { createRandom, type Random } from '../random.js';
import type { ObjectSchema } from '../schema/object-schema.js';
import type { ObjectTable } from '../store/object-table.js';
import type { OrgStore } from '../store/org-store.js';
import type { StoredRecord } from '../store/stored-record.js';
import { RECORD_GENERATORS } from './record-generators.js';
import { SeedRecordBuilder, type AuditStamp } from './seed-record-builder.js';
import type { SeedCounts } from './seed-spec.js';

const SECOND_MS = 1000;
const DAY_MS = 86_400_000;
/** Seeded records were created over the two years before the seed ran. */
const HISTORY_MS = 730 * DAY_MS;
/** One mass update two days ago touched this many records in the same second (real orgs have such ties). */
const MASS_UPDATE_MAX = 5_000;
const MASS_UPDATE_SHARE = 0.2;
/** Smaller batch jobs: this share of records was last written by a batch of 50–400 records sharing one second. */
const BATCH_SHARE = 0.15;

/**
 * Fills an empty org deterministically: the same counts, seed text and clock give the same records.
 * Objects are generated parents first, with IDs in CreatedDate order as Salesforce assigns them.
 */
export function seedOrg(store: OrgStore, counts: SeedCounts, seedText: string): void {
  const anchor = store.now();
  const users = store.table('User');
  const userIds = users === undefined ? [] : liveIds(users);
  for (const object of store.schema.objects) {
    const count = counts[object.name] ?? 0;
    if (count > 0) seedObject(store, object, count, createRandom(`${seedText}:${object.name}`), anchor, userIds);
  }
}

function seedObject(store: OrgStore, object: ObjectSchema, count: number, random: Random, anchor: number, userIds: string[]): void {
  const generate = RECORD_GENERATORS[object.name];
  if (generate === undefined) throw new Error(`no generator for ${object.name}`);
  const table = store.tableFor(object);
  const builder = new SeedRecordBuilder(object, table);
  const stamps = planTimestamps(count, anchor, random);
  const parentCache = new Map<string, string[]>();
  const parentId = (name: string): string | null => {
    let ids = parentCache.get(name);
    if (ids === undefined) {
      const parents = store.table(name);
      ids = parents === undefined ? [] : liveIds(parents);
      parentCache.set(name, ids);
    }
    return ids.length === 0 ? null : random.pick(ids);
  };
  const records: StoredRecord[] = [];
  for (let i = 0; i < count; i++) {
    const created = stamps.created[i] as number;
    const id = store.ids.allocate(object.keyPrefix);
    // The ID's sequence numbers generated names and external IDs, so they stay unique across later inserts.
    const fields = generate({ random, sequence: sequenceOf(id) ?? i + 1, created, parentId });
    const audit: AuditStamp = {
      created,
      lastModified: stamps.lastModified[i] as number,
      modstamp: stamps.modstamp[i] as number,
      createdById: random.pick(userIds),
      lastModifiedById: random.pick(userIds),
      ownerId: random.pick(userIds),
    };
    records.push(builder.build(id, fields, audit));
  }
  table.insertMany(records);
}

interface TimestampPlan {
  created: number[];
  lastModified: number[];
  modstamp: number[];
}

/** CreatedDate ascending; LastModifiedDate and SystemModstamp at or after it, with batch and mass-update ties. */
function planTimestamps(count: number, anchor: number, random: Random): TimestampPlan {
  const toSecond = (ms: number): number => Math.floor(ms / SECOND_MS) * SECOND_MS;
  const created = Array.from({ length: count }, () => toSecond(anchor - random.next() * HISTORY_MS)).sort((a, b) => a - b);
  const lastModified = created.map((at) => (random.chance(0.4) ? at : toSecond(at + random.next() * (anchor - at))));
  // A tenth of records were touched later by the system only (roll-ups, sharing): SystemModstamp moves, LastModifiedDate does not.
  const modstamp = lastModified.map((at) => (random.chance(0.1) ? Math.min(anchor, at + random.int(1, 3_600) * SECOND_MS) : at));
  const tie = (i: number, at: number): void => {
    lastModified[i] = at;
    modstamp[i] = at;
  };
  let batch: number[] = [];
  let batchSize = random.int(50, 400);
  for (let i = 0; i < count; i++) {
    if (!random.chance(BATCH_SHARE)) continue;
    batch.push(i);
    if (batch.length < batchSize && i < count - 1) continue;
    const at = Math.min(anchor, toSecond((created[i] as number) + random.next() * 7 * DAY_MS));
    for (const member of batch) tie(member, at);
    batch = [];
    batchSize = random.int(50, 400);
  }
  const massAt = toSecond(anchor - 2 * DAY_MS);
  const eligible = created.filter((at) => at <= massAt).length;
  // Selection sampling: exactly `wanted` of the eligible records, spread evenly at random.
  let wanted = Math.min(MASS_UPDATE_MAX, Math.round(count * MASS_UPDATE_SHARE), eligible);
  for (let i = 0; i < eligible && wanted > 0; i++) {
    if (random.chance(wanted / (eligible - i))) {
      tie(i, massAt);
      wanted--;
    }
  }
  return { created, lastModified, modstamp };
}

function liveIds(table: ObjectTable): string[] {
  const ids: string[] = [];
  table.index('id', false).scan(0, 1, (record) => {
    ids.push(record.id);
    return true;
  });
  return ids;
}
