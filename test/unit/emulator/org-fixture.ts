import { insertRecords } from '../../../emulator/admin/org-mutations.js';
import { createManualClock, type AdjustableClock } from '../../../emulator/clock.js';
import { OrgSchema } from '../../../emulator/schema/org-schema.js';
import { ensureOrgUsers } from '../../../emulator/seed/org-users.js';
import { OrgStore } from '../../../emulator/store/org-store.js';
import { executeQuery } from '../../../emulator/soql/execute-query.js';

/** 2024-06-01T00:00:00Z: a fixed "now" for query and save tests. */
export const NOW = Date.UTC(2024, 5, 1);

export interface OrgFixture {
  store: OrgStore;
  clock: AdjustableClock;
  userId: string;
  insert(object: string, records: Record<string, unknown>[]): string[];
  /** Every row of a query, following the cursor, as parsed JSON. */
  rows(soql: string, options?: { includeDeleted?: boolean; pageSize?: number }): Record<string, unknown>[];
  count(soql: string, includeDeleted?: boolean): number;
}

export function createOrgFixture(): OrgFixture {
  const clock = createManualClock(NOW);
  const store = new OrgStore(new OrgSchema(), clock);
  const userId = ensureOrgUsers(store, 'integration@example.com');
  return {
    store,
    clock,
    userId,
    insert: (object, records) => insertRecords(store, store.schema.object(object)!, records, userId),
    rows: (soql, options = {}) => {
      const execution = executeQuery(store, soql, options.includeDeleted === true);
      if (execution.kind !== 'rows') throw new Error(`not a row query: ${soql}`);
      const rows: Record<string, unknown>[] = [];
      for (;;) {
        const page = execution.cursor.next(options.pageSize ?? 2000);
        rows.push(...page.records.map((record) => JSON.parse(execution.writeRow(record, '62.0')) as Record<string, unknown>));
        if (page.done) return rows;
      }
    },
    count: (soql, includeDeleted = false) => {
      const execution = executeQuery(store, soql, includeDeleted);
      if (execution.kind !== 'count') throw new Error(`not a count query: ${soql}`);
      return execution.totalSize;
    },
  };
}
