import type { IndexOrder } from '../store/object-table.js';
import type { BoundCondition, BoundOrder, BoundQuery } from './bound-query.js';
import { extractRange, type KeyRange } from './key-range.js';

export type QueryPlan =
  /** `WHERE Id = ...` or `Id IN (...)` at the top level: fetch those records directly. */
  | { kind: 'lookup'; ids: string[] }
  /**
   * Scan one index over a key range. When `ordered`, the index order is the requested order, so a cursor can
   * resume from its last key instead of materialising the result.
   */
  | { kind: 'index'; order: IndexOrder; direction: 1 | -1; range: KeyRange; exact: boolean; ordered: boolean };

export function planQuery(query: BoundQuery): QueryPlan {
  const ids = idLookups(query.where);
  if (ids !== null) return { kind: 'lookup', ids };
  const modstamp = extractRange(query.where, 'modstamp');
  const byId = extractRange(query.where, 'id');
  const indexOrder = orderedIndex(query.orderBy);
  if (indexOrder !== null) {
    const range = indexOrder.order === 'modstamp' ? modstamp : byId;
    return { kind: 'index', ...indexOrder, range: range.range, exact: range.exact, ordered: true };
  }
  const bounded = modstamp.range.lower !== null || modstamp.range.upper !== null;
  // Without ORDER BY the order is unspecified; Id order (creation order) is what Salesforce usually returns.
  const source = bounded ? { order: 'modstamp' as const, range: modstamp } : { order: 'id' as const, range: byId };
  return {
    kind: 'index', order: source.order, direction: 1, range: source.range.range, exact: source.range.exact,
    ordered: query.orderBy.length === 0,
  };
}

/** The index whose order is the ORDER BY: (SystemModstamp[, Id]) or (Id), all in one direction. */
function orderedIndex(orderBy: readonly BoundOrder[]): { order: IndexOrder; direction: 1 | -1 } | null {
  const names = orderBy.map((item) => (item.path.hops.length === 0 ? item.path.field.name : ''));
  const direction = orderBy[0]?.descending === true ? -1 : 1;
  if (orderBy.some((item) => (item.descending ? -1 : 1) !== direction)) return null;
  if (names.length === 1 && names[0] === 'Id') return { order: 'id', direction };
  if (names[0] === 'SystemModstamp' && (names.length === 1 || (names.length === 2 && names[1] === 'Id'))) {
    return { order: 'modstamp', direction };
  }
  return null;
}

function idLookups(where: BoundCondition | null): string[] | null {
  if (where === null) return null;
  const conjuncts = where.kind === 'and' ? where.items : [where];
  for (const item of conjuncts) {
    if (item.kind === 'compare' && item.operator === '=' && isBaseId(item)) return typeof item.value === 'string' ? [item.value] : [];
    if (item.kind === 'in' && !item.negated && isBaseId(item)) return item.values.filter((value): value is string => typeof value === 'string');
  }
  return null;
}

function isBaseId(condition: Extract<BoundCondition, { path: unknown }>): boolean {
  return condition.path.hops.length === 0 && condition.path.field.name === 'Id';
}
