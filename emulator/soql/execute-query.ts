import type { OrgStore } from '../store/org-store.js';
import type { StoredRecord } from '../store/stored-record.js';
import { bindQuery } from './binder.js';
import type { BoundQuery } from './bound-query.js';
import { compareFor } from './key-range.js';
import { parseSoql } from './parser.js';
import { planQuery } from './plan.js';
import { compilePredicate, type Predicate } from './predicate.js';
import { compileRowWriter, type RowWriter } from './projection.js';
import { IndexCursor, ListCursor, type RecordCursor } from './record-cursor.js';
import { compileComparator } from './sort.js';
import { compilePathReader } from './path-reader.js';

export type QueryExecution =
  | { kind: 'rows'; objectName: string; cursor: RecordCursor; writeRow: RowWriter }
  /** `SELECT COUNT()`: the count, no rows. */
  | { kind: 'count'; totalSize: number }
  /** `SELECT COUNT(field) alias`: one AggregateResult row. */
  | { kind: 'aggregate'; row: Record<string, unknown> };

/** Parses, checks and starts a query. `includeDeleted` is queryAll: recycle-bin rows take part. */
export function executeQuery(store: OrgStore, soql: string, includeDeleted: boolean): QueryExecution {
  const query = bindQuery(store.schema, parseSoql(soql), store.clock.now());
  switch (query.select.kind) {
    case 'count':
      return { kind: 'count', totalSize: openCursor(store, { ...query, orderBy: [] }, includeDeleted).totalSize };
    case 'aggregate': {
      const cursor = openCursor(store, { ...query, orderBy: [] }, includeDeleted);
      const { records } = cursor.next(cursor.totalSize);
      const row: Record<string, unknown> = { attributes: { type: 'AggregateResult' } };
      for (const item of query.select.items) {
        const read = item.path === null ? null : compilePathReader(store, item.path);
        row[item.alias] = read === null ? records.length : records.filter((record) => read(record) !== null).length;
      }
      return { kind: 'aggregate', row };
    }
    case 'fields':
      return {
        kind: 'rows',
        objectName: query.object.name,
        cursor: openCursor(store, query, includeDeleted),
        writeRow: compileRowWriter(store, query.object, query.select.paths),
      };
  }
}

function openCursor(store: OrgStore, query: BoundQuery, includeDeleted: boolean): RecordCursor {
  const table = store.tableFor(query.object);
  const predicate: Predicate | null = query.where === null ? null : compilePredicate(store, query.where);
  const plan = planQuery(query);
  const limit = query.limit;
  const window = (records: StoredRecord[]): ListCursor =>
    new ListCursor(records.slice(query.offset, limit === null ? undefined : query.offset + limit));
  if (plan.kind === 'lookup') {
    const records = [...new Set(plan.ids)]
      .map((id) => table.get(id))
      .filter((record): record is StoredRecord => record !== undefined && (includeDeleted || record.deletedAt === null))
      .filter((record) => predicate === null || predicate(record));
    return window(records.sort(compileComparator(store, query.orderBy)));
  }
  const list = table.index(plan.order, includeDeleted);
  const compare = compareFor(plan.order);
  const residual = plan.exact ? null : predicate;
  if (plan.ordered) return new IndexCursor(list, compare, plan.range, plan.direction, residual, query.offset, limit);
  const scan = new IndexCursor(list, compare, plan.range, 1, residual, 0, null);
  const matches = scan.next(scan.totalSize).records;
  return window(matches.sort(compileComparator(store, query.orderBy)));
}
