import type { FieldValue } from '../schema/object-def.js';
import { compareById, compareByModstamp, type RecordKey } from '../store/stored-record.js';
import type { IndexOrder } from '../store/object-table.js';
import type { BoundCondition } from './bound-query.js';

export interface Bound {
  key: RecordKey;
  inclusive: boolean;
}

/** A contiguous range of index keys; a null bound is unbounded on that side. */
export interface KeyRange {
  lower: Bound | null;
  upper: Bound | null;
}

/**
 * The index range a WHERE clause confines its matches to. `exact` means the range *is* the clause: every key
 * in it matches, so a count is a difference of two positions and no row needs the predicate.
 */
export interface IndexRange {
  range: KeyRange;
  exact: boolean;
}

/** Sentinels below and above every 18-char ID, so `SystemModstamp > t` is the key range after (t, MAX_ID). */
const MIN_ID = '';
const MAX_ID = '\uffff';
const FULL: IndexRange = { range: { lower: null, upper: null }, exact: false };

type Compare = (a: RecordKey, b: RecordKey) => number;

export function compareFor(order: IndexOrder): Compare {
  return order === 'modstamp' ? compareByModstamp : compareById;
}

/**
 * Extracts the key range of `condition` on the (SystemModstamp, Id) or the Id index. Recognises the keyset
 * paging shape `(SystemModstamp > t OR (SystemModstamp = t AND Id > x)) AND SystemModstamp <= u` exactly.
 */
export function extractRange(condition: BoundCondition | null, order: IndexOrder): IndexRange {
  return condition === null ? FULL : extract(condition, order);
}

function extract(condition: BoundCondition, order: IndexOrder): IndexRange {
  switch (condition.kind) {
    case 'and':
      return extractAnd(condition.items, order);
    case 'or':
      return union(condition.items.map((item) => extract(item, order)), compareFor(order));
    default:
      return leafRange(condition, order === 'modstamp' ? 'SystemModstamp' : 'Id') ?? FULL;
  }
}

function extractAnd(items: readonly BoundCondition[], order: IndexOrder): IndexRange {
  const compare = compareFor(order);
  let result: IndexRange = { range: { lower: null, upper: null }, exact: true };
  const idLeaves: BoundCondition[] = [];
  for (const item of items) {
    if (order === 'modstamp' && leafRange(item, 'Id') !== null) {
      idLeaves.push(item);
      continue;
    }
    const child = extract(item, order);
    result = { range: intersect(result.range, child.range, compare), exact: result.exact && child.exact };
  }
  const point = order === 'modstamp' ? pointModstamp(result.range) : null;
  for (const leaf of idLeaves) {
    const idRange = leafRange(leaf, 'Id');
    if (point === null || idRange === null || !idRange.exact) {
      result = { range: result.range, exact: false };
      continue;
    }
    // Within one SystemModstamp value the index is ordered by Id, so an Id bound narrows the tuple range.
    const lift = (bound: Bound | null): Bound | null => (bound === null ? null : { key: { modstamp: point, id: bound.key.id }, inclusive: bound.inclusive });
    result = {
      range: intersect(result.range, { lower: lift(idRange.range.lower), upper: lift(idRange.range.upper) }, compare),
      exact: result.exact,
    };
  }
  return result;
}

/** The range of a single comparison on `fieldName` of the queried object, or null when it is not one. */
function leafRange(condition: BoundCondition, fieldName: 'SystemModstamp' | 'Id'): IndexRange | null {
  if (condition.kind !== 'compare' && condition.kind !== 'range') return null;
  if (condition.path.hops.length > 0 || condition.path.field.name !== fieldName) return null;
  const key = (value: FieldValue, id: string): RecordKey =>
    fieldName === 'Id' ? { modstamp: 0, id: value as string } : { modstamp: value as number, id };
  const bound = (value: FieldValue, id: string, inclusive: boolean): Bound => ({ key: key(value, id), inclusive });
  if (condition.kind === 'range') {
    const { start, end } = condition;
    switch (condition.operator) {
      case '=': return exact(bound(start, MIN_ID, true), bound(end, MIN_ID, false));
      case '<': return exact(null, bound(start, MIN_ID, false));
      case '<=': return exact(null, bound(end, MIN_ID, false));
      case '>': return exact(bound(end, MIN_ID, true), null);
      case '>=': return exact(bound(start, MIN_ID, true), null);
      case '!=': return FULL;
    }
  }
  const { value } = condition;
  if (value === null) return FULL;
  switch (condition.operator) {
    case '=': return exact(bound(value, MIN_ID, true), bound(value, MAX_ID, true));
    case '>': return exact(bound(value, MAX_ID, false), null);
    case '>=': return exact(bound(value, MIN_ID, true), null);
    case '<': return exact(null, bound(value, MIN_ID, false));
    case '<=': return exact(null, bound(value, MAX_ID, true));
    case '!=': return FULL;
  }
}

function exact(lower: Bound | null, upper: Bound | null): IndexRange {
  return { range: { lower, upper }, exact: true };
}

/** The SystemModstamp value when the range covers exactly one, else null. */
function pointModstamp(range: KeyRange): number | null {
  const { lower, upper } = range;
  if (lower === null || upper === null || lower.key.modstamp !== upper.key.modstamp) return null;
  return lower.key.id === MIN_ID && upper.key.id === MAX_ID ? lower.key.modstamp : null;
}

function intersect(a: KeyRange, b: KeyRange, compare: Compare): KeyRange {
  return { lower: tighter(a.lower, b.lower, compare, 1), upper: tighter(a.upper, b.upper, compare, -1) };
}

/** The stricter of two bounds on the same side: the larger lower bound (side 1) or the smaller upper bound (-1). */
function tighter(a: Bound | null, b: Bound | null, compare: Compare, side: 1 | -1): Bound | null {
  if (a === null) return b;
  if (b === null) return a;
  const comparison = compare(a.key, b.key) * side;
  if (comparison !== 0) return comparison > 0 ? a : b;
  return a.inclusive ? b : a;
}

/** Union of ranges: exact when they overlap or touch into one interval, otherwise their hull (inexact). */
function union(children: readonly IndexRange[], compare: Compare): IndexRange {
  if (children.some((child) => child.range.lower === null && child.range.upper === null && !child.exact)) return FULL;
  const sorted = [...children].sort((a, b) => compareLower(a.range.lower, b.range.lower, compare));
  let exactUnion = sorted.every((child) => child.exact);
  const first = sorted[0];
  if (first === undefined) return FULL;
  let lower = first.range.lower;
  let upper = first.range.upper;
  for (const child of sorted.slice(1)) {
    if (!touches(upper, child.range.lower, compare)) exactUnion = false;
    if (upper !== null) upper = child.range.upper === null ? null : looserUpper(upper, child.range.upper, compare);
    if (lower !== null && child.range.lower === null) lower = null;
  }
  return { range: { lower, upper }, exact: exactUnion };
}

function looserUpper(a: Bound, b: Bound, compare: Compare): Bound {
  const comparison = compare(a.key, b.key);
  if (comparison !== 0) return comparison > 0 ? a : b;
  return a.inclusive ? a : b;
}

function compareLower(a: Bound | null, b: Bound | null, compare: Compare): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  return compare(a.key, b.key) || (a.inclusive === b.inclusive ? 0 : a.inclusive ? -1 : 1);
}

/** Whether an interval ending at `upper` and one starting at `lower` leave no key between them. */
function touches(upper: Bound | null, lower: Bound | null, compare: Compare): boolean {
  if (upper === null || lower === null) return true;
  const comparison = compare(upper.key, lower.key);
  if (comparison !== 0) return comparison > 0;
  // No record has a sentinel Id, so a bound on one excludes nothing even when both bounds are open.
  return upper.inclusive || lower.inclusive || upper.key.id === MIN_ID || upper.key.id === MAX_ID;
}
