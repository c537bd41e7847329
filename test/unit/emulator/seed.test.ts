import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../emulator/clock.js';
import { OrgSchema } from '../../../emulator/schema/org-schema.js';
import { ensureOrgUsers } from '../../../emulator/seed/org-users.js';
import { seedOrg } from '../../../emulator/seed/seed-org.js';
import { DEMO_COUNTS, parseSeedSpec } from '../../../emulator/seed/seed-spec.js';
import { OrgStore } from '../../../emulator/store/org-store.js';
import { recordFields } from '../../../emulator/store/record-json.js';
import { NOW } from './org-fixture.js';

function seeded(counts: Record<string, number>, seed = 'test'): OrgStore {
  const store = new OrgStore(new OrgSchema(), createManualClock(NOW));
  ensureOrgUsers(store, 'integration@example.com');
  seedOrg(store, counts, seed);
  return store;
}

function dump(store: OrgStore, object: string): Record<string, unknown>[] {
  const table = store.table(object)!;
  const rows: Record<string, unknown>[] = [];
  table.index('id', true).scan(0, 1, (record) => rows.push(recordFields(record, table.schema)) > 0);
  return rows;
}

describe('seed', () => {
  it('parses demo, empty and explicit counts, naming unknown objects', () => {
    const schema = new OrgSchema();
    expect(parseSeedSpec('demo', schema)).toEqual(DEMO_COUNTS);
    expect(parseSeedSpec('empty', schema)).toEqual({});
    expect(parseSeedSpec('account=10, Invoice__c=2', schema)).toEqual({ Account: 10, Invoice__c: 2 });
    expect(() => parseSeedSpec('Widget=3', schema)).toThrow(/unknown object "Widget"/);
    expect(() => parseSeedSpec('Account:3', schema)).toThrow(/expected Object=count/);
  });

  it('generates the same records from the same seed and clock', () => {
    const counts = { Account: 300, Contact: 300, Invoice__c: 100 };
    expect(dump(seeded(counts), 'Contact')).toEqual(dump(seeded(counts), 'Contact'));
    expect(dump(seeded(counts, 'other'), 'Account')).not.toEqual(dump(seeded(counts), 'Account'));
  });

  it('produces many records sharing one SystemModstamp, and keeps CreatedDate <= LastModifiedDate <= SystemModstamp', () => {
    const store = seeded({ Account: 5_000 });
    const rows = dump(store, 'Account');
    const perStamp = new Map<unknown, number>();
    for (const row of rows) perStamp.set(row['SystemModstamp'], (perStamp.get(row['SystemModstamp']) ?? 0) + 1);
    expect(Math.max(...perStamp.values())).toBeGreaterThanOrEqual(1_000);
    for (const row of rows) {
      const created = String(row['CreatedDate']);
      expect(created <= String(row['LastModifiedDate'])).toBe(true);
      expect(String(row['LastModifiedDate']) <= String(row['SystemModstamp'])).toBe(true);
    }
  });

  it('assigns IDs in CreatedDate order, as Salesforce does', () => {
    const rows = dump(seeded({ Account: 1_000 }), 'Account');
    const created = rows.map((row) => String(row['CreatedDate']));
    expect(created).toEqual([...created].sort());
  });

  it('writes values that stress pipelines: commas, quotes, newlines, non-Latin text and emoji', () => {
    const text = JSON.stringify(dump(seeded({ Account: 2_000, Contact: 2_000 }), 'Account'));
    for (const needle of [',', '\\"', '\\n', 'ü', '株式会社', '🚀']) expect(text).toContain(needle);
  });

  it('points lookups at existing parents', () => {
    const store = seeded({ Account: 50, Contact: 200 });
    for (const contact of dump(store, 'Contact')) {
      if (contact['AccountId'] !== null) expect(store.find(contact['AccountId'] as string)).toBeDefined();
    }
  });
});
