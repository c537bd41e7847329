import type { ObjectSchema, RuntimeField } from '../schema/object-schema.js';
import type { OrgSchema } from '../schema/org-schema.js';
import { InvalidUpload } from './ingest-data.js';

/** What a header column writes. */
export type IngestColumn =
  | { kind: 'field'; field: RuntimeField }
  /** `Account__r.External_Id__c`: the lookup is set to the parent whose external ID is the cell (docs/salesforce-api.md §6.3). */
  | { kind: 'reference'; lookup: RuntimeField; target: ObjectSchema; key: RuntimeField }
  /** Delete jobs read only Id; their other known columns are ignored. */
  | { kind: 'ignored' };

/**
 * Binds the header to the object's fields, case-insensitively. A name the object does not have fails the
 * whole job as Salesforce words it: `InvalidBatch : Field name not found : Foo__c` (docs/salesforce-api.md §6.1).
 */
export function bindColumns(schema: OrgSchema, object: ObjectSchema, header: readonly string[], deleting: boolean): IngestColumn[] {
  const seen = new Set<string>();
  return header.map((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) throw new InvalidUpload(`InvalidBatch : Duplicate field name: ${name}`);
    seen.add(key);
    const column = bindColumn(schema, object, name);
    if (column === null) throw new InvalidUpload(`InvalidBatch : Field name not found : ${name}`);
    return deleting && !(column.kind === 'field' && column.field.slot.kind === 'id') ? { kind: 'ignored' } : column;
  });
}

function bindColumn(schema: OrgSchema, object: ObjectSchema, name: string): IngestColumn | null {
  const dot = name.indexOf('.');
  if (dot < 0) {
    const field = object.field(name);
    return field === undefined ? null : { kind: 'field', field };
  }
  const lookup = object.relationship(name.slice(0, dot));
  const target = lookup?.def.referenceTo.map((candidate) => schema.object(candidate)).find((candidate) => candidate !== undefined);
  const key = target?.field(name.slice(dot + 1));
  if (lookup === undefined || target === undefined || key === undefined || !key.def.externalId) return null;
  return { kind: 'reference', lookup, target, key };
}
