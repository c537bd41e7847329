import type { FieldValue } from '../schema/object-def.js';
import type { RuntimeField } from '../schema/object-schema.js';
import type { BoundPath } from '../soql/bound-query.js';
import { readField, type CompoundValue, type StoredRecord } from '../store/stored-record.js';
import { formatDateTime } from '../values/datetime.js';
import { quoted } from './csv-format.js';

/** Results follow the SELECT order from v50.0; earlier versions sorted the columns by name (docs/salesforce-api.md §6.4). */
const SELECT_ORDER_VERSION = 50;

/** Finds a parent record by ID (the snapshot's frozen parents). */
export type ParentLookup = (id: string) => StoredRecord | undefined;

/** The result columns of a query job and a writer of one row as Salesforce's CSV text. */
export interface QueryCsv {
  header(delimiter: string): string;
  row(record: StoredRecord, parentOf: ParentLookup, delimiter: string): string;
}

interface Column {
  name: string;
  hopSlots: number[];
  field: RuntimeField;
  owner: BoundPath['owner'];
}

/**
 * Query result CSV as Salesforce writes it (docs/salesforce-api.md §6.4, §8): every header and value double-quoted, null
 * as `""`, parent fields under dotted headers (`"Account.Name"`, `""` when the lookup is empty), booleans
 * `true`/`false`, datetimes in the Z form `2021-08-31T01:31:13.000Z`, dates `yyyy-MM-dd`, numbers plain,
 * multi-select picklists `A;B`, line breaks inside values kept.
 */
export function compileQueryCsv(paths: readonly BoundPath[], apiVersion: number): QueryCsv {
  const columns: Column[] = paths.map((path) => ({
    name: path.name,
    hopSlots: path.hops.map((hop) => (hop.slot.kind === 'stored' ? hop.slot.index : -1)),
    field: path.field,
    owner: path.owner,
  }));
  if (apiVersion < SELECT_ORDER_VERSION) columns.sort((a, b) => (a.name.toUpperCase() < b.name.toUpperCase() ? -1 : 1));
  const dateTimes = new ZuluDateTimes();
  return {
    header: (delimiter) => columns.map((column) => quoted(column.name)).join(delimiter),
    row: (record, parentOf, delimiter) => {
      let line = '';
      for (let i = 0; i < columns.length; i++) {
        const column = columns[i] as Column;
        const source = column.hopSlots.length === 0 ? record : follow(record, column.hopSlots, parentOf);
        const value = source === null ? null : readField(source, column.field, column.owner);
        line += (i === 0 ? '' : delimiter) + quoted(cellText(column.field, value, dateTimes));
      }
      return line;
    },
  };
}

function follow(record: StoredRecord, hopSlots: readonly number[], parentOf: ParentLookup): StoredRecord | null {
  let current: StoredRecord | undefined = record;
  for (const slot of hopSlots) {
    const id: FieldValue | undefined = current.values[slot];
    if (typeof id !== 'string') return null;
    current = parentOf(id);
    if (current === undefined) return null;
  }
  return current;
}

function cellText(field: RuntimeField, value: FieldValue | CompoundValue, dateTimes: ZuluDateTimes): string {
  if (value === null) return '';
  switch (typeof value) {
    case 'string': return value;
    case 'boolean': return value ? 'true' : 'false';
    case 'number': return field.type === 'datetime' ? dateTimes.format(value) : String(value);
    default: return '';
  }
}

/** `2021-08-31T01:31:13.000Z`; remembers the last value, as rows ordered by SystemModstamp repeat it in runs. */
class ZuluDateTimes {
  private lastValue = Number.NaN;
  private lastText = '';

  format(epochMs: number): string {
    if (epochMs !== this.lastValue) {
      this.lastValue = epochMs;
      this.lastText = `${formatDateTime(epochMs).slice(0, -'+0000'.length)}Z`;
    }
    return this.lastText;
  }
}
