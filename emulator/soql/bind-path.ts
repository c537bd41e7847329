import type { ObjectSchema, RuntimeField } from '../schema/object-schema.js';
import type { OrgSchema } from '../schema/org-schema.js';
import type { FieldPath } from './ast.js';
import type { BoundPath } from './bound-query.js';
import { soqlError } from './soql-error.js';

/** Resolves `Account.Owner.Name` against the schema, with Salesforce's INVALID_FIELD messages. */
export function bindPath(schema: OrgSchema, base: ObjectSchema, path: FieldPath, source: string): BoundPath {
  let owner = base;
  const hops: RuntimeField[] = [];
  const names: string[] = [];
  let position = path.position;
  for (let i = 0; i < path.parts.length - 1; i++) {
    const part = path.parts[i] as string;
    const lookup = owner.relationship(part);
    const target = lookup?.def.referenceTo.map((name) => schema.object(name)).find((object) => object !== undefined);
    if (lookup === undefined || target === undefined) {
      throw soqlError('INVALID_FIELD', source, position,
        `Didn't understand relationship '${part}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`);
    }
    hops.push(lookup);
    names.push(lookup.def.relationshipName ?? part);
    owner = target;
    position += part.length + 1;
  }
  const last = path.parts[path.parts.length - 1] as string;
  const field = owner.field(last);
  if (field === undefined) {
    throw soqlError('INVALID_FIELD', source, position,
      `No such column '${last}' on entity '${owner.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
  }
  names.push(field.name);
  return { hops, field, owner, name: names.join('.') };
}

/** Offset of the last part of a path (where Salesforce puts the caret for field-level errors). */
export function lastPartPosition(path: FieldPath): number {
  return path.position + path.parts.slice(0, -1).reduce((sum, part) => sum + part.length + 1, 0);
}
