import { normalizeId } from '../ids/salesforce-id.js';
import type { FieldValue } from '../schema/object-def.js';
import type { ObjectSchema, RuntimeField } from '../schema/object-schema.js';
import type { OrgSchema } from '../schema/org-schema.js';
import { utcDateOf } from '../values/datetime.js';
import type { Condition, FieldPath, Literal, SelectItem, SoqlQuery } from './ast.js';
import { bindPath, lastPartPosition } from './bind-path.js';
import type { BoundCondition, BoundOrder, BoundPath, BoundQuery, BoundSelect } from './bound-query.js';
import { relativeDateRange } from './date-literals.js';
import { compileLike } from './like-pattern.js';
import { soqlError, type SoqlError } from './soql-error.js';

/** Maximum OFFSET (docs/salesforce-api.md §4.3). */
export const MAX_OFFSET = 2000;

const TEXT_TYPES = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist']);

/** Resolves a parsed query against the org schema and type-checks every literal, as Salesforce does before running it. */
export function bindQuery(schema: OrgSchema, query: SoqlQuery, now: number): BoundQuery {
  const object = schema.object(query.from.name);
  if (object === undefined) {
    throw soqlError('INVALID_TYPE', query.source, query.from.position,
      `sObject type '${query.from.name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`);
  }
  const binder = new Binder(schema, object, query, now);
  if (query.offset !== null && query.offset.value > MAX_OFFSET) {
    throw soqlError('NUMBER_OUTSIDE_VALID_RANGE', query.source, query.offset.position, `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
  }
  return {
    object,
    select: binder.select(query.select),
    where: query.where === null ? null : binder.condition(query.where),
    orderBy: query.orderBy.map((item): BoundOrder => ({
      path: binder.sortable(item.path), descending: item.descending, nullsLast: item.nullsLast ?? false,
    })),
    limit: query.limit,
    offset: query.offset?.value ?? 0,
  };
}

class Binder {
  constructor(
    private readonly schema: OrgSchema,
    private readonly object: ObjectSchema,
    private readonly query: SoqlQuery,
    private readonly now: number,
  ) {}

  private get source(): string {
    return this.query.source;
  }

  path(path: FieldPath): BoundPath {
    return bindPath(this.schema, this.object, path, this.source);
  }

  select(items: SelectItem[]): BoundSelect {
    const fields = items.filter((item) => item.kind === 'field');
    const counts = items.filter((item) => item.kind === 'count');
    if (counts.length === 0) {
      const seen = new Set<string>();
      const paths = fields.map(({ path }) => {
        const bound = this.path(path);
        if (seen.has(bound.name.toLowerCase())) {
          throw soqlError('MALFORMED_QUERY', this.source, path.position, `duplicate field selected: ${bound.name}`);
        }
        seen.add(bound.name.toLowerCase());
        return bound;
      });
      return { kind: 'fields', paths };
    }
    const [plain] = fields;
    if (plain !== undefined) {
      throw soqlError('MALFORMED_QUERY', this.source, plain.path.position, `Field must be grouped or aggregated: ${plain.path.parts.join('.')}`);
    }
    const [only] = counts;
    if (counts.length === 1 && only?.path === null && only.alias === null) return { kind: 'count' };
    return {
      kind: 'aggregate',
      items: counts.map((item, index) => ({
        path: item.path === null ? null : this.path(item.path),
        alias: item.alias ?? `expr${index}`,
      })),
    };
  }

  sortable(path: FieldPath): BoundPath {
    const bound = this.path(path);
    const { type, def } = bound.field;
    if (type === 'multipicklist' || type === 'address' || type === 'location' || (type === 'textarea' && def.length > 255)) {
      throw soqlError('INVALID_FIELD', this.source, lastPartPosition(path), `field '${bound.field.name}' can not be sorted in a query call`);
    }
    return bound;
  }

  condition(condition: Condition): BoundCondition {
    switch (condition.kind) {
      case 'and':
      case 'or':
        return { kind: condition.kind, items: condition.items.map((item) => this.condition(item)) };
      case 'not':
        return { kind: 'not', item: this.condition(condition.item) };
      case 'compare': {
        const path = this.filterable(condition.path);
        if (condition.value.kind === 'relative') {
          const range = this.relative(path, condition.value);
          return { kind: 'range', path, operator: condition.operator, ...range };
        }
        return { kind: 'compare', path, operator: condition.operator, value: this.value(path, condition.value) };
      }
      case 'in': {
        const path = this.filterable(condition.path);
        return { kind: 'in', path, negated: condition.negated, values: condition.values.map((value) => this.value(path, value)) };
      }
      case 'like': {
        const path = this.filterable(condition.path);
        if (!TEXT_TYPES.has(path.field.type) && path.field.type !== 'id' && path.field.type !== 'reference') {
          throw soqlError('INVALID_FIELD', this.source, lastPartPosition(condition.path), `invalid operator on ${path.field.type} field: LIKE`);
        }
        if (condition.pattern.kind !== 'string') throw this.typeError(path, condition.pattern);
        return { kind: 'like', path, pattern: compileLike(condition.pattern.value) };
      }
      case 'includes': {
        const path = this.filterable(condition.path);
        if (path.field.type !== 'multipicklist') {
          throw soqlError('INVALID_FIELD', this.source, lastPartPosition(condition.path), 'includes or excludes operator only valid on multipicklist field');
        }
        const sets = condition.values.map((value) => {
          if (value.kind !== 'string') throw this.typeError(path, value);
          return value.value.split(';').map((part) => part.trim().toLowerCase()).filter((part) => part !== '');
        });
        return { kind: 'includes', path, negated: condition.negated, sets };
      }
    }
  }

  private filterable(path: FieldPath): BoundPath {
    const bound = this.path(path);
    const { type, def } = bound.field;
    if (type === 'address' || type === 'location' || (type === 'textarea' && def.length > 255)) {
      throw soqlError('INVALID_FIELD', this.source, lastPartPosition(path), `field '${bound.field.name}' can not be filtered in a query call`);
    }
    return bound;
  }

  private relative(path: BoundPath, literal: Extract<Literal, { kind: 'relative' }>): { start: FieldValue; end: FieldValue } {
    const range = relativeDateRange(literal.name, literal.n, this.now);
    if (range === null) throw soqlError('MALFORMED_QUERY', this.source, literal.position, `unexpected token: '${literal.name}'`);
    if (path.field.type === 'datetime') return range;
    if (path.field.type === 'date') return { start: utcDateOf(range.start), end: utcDateOf(range.end) };
    throw this.typeError(path, literal);
  }

  /** A literal in the stored form of the field it is compared with. */
  private value(path: BoundPath, literal: Literal): FieldValue {
    if (literal.kind === 'null') return null;
    const { field } = path;
    switch (field.type) {
      case 'id':
      case 'reference': {
        if (literal.kind !== 'string') throw this.typeError(path, literal);
        if (literal.value === '') return null;
        const id = normalizeId(literal.value);
        if (id === null) throw soqlError('INVALID_QUERY_FILTER_OPERATOR', this.source, literal.position, `invalid ID field: ${literal.value}`);
        return id;
      }
      case 'boolean':
        if (literal.kind !== 'boolean') throw this.typeError(path, literal);
        return literal.value;
      case 'int':
      case 'double':
      case 'currency':
      case 'percent':
        if (literal.kind !== 'number') throw this.typeError(path, literal);
        return literal.value;
      case 'date':
        if (literal.kind !== 'date') throw this.typeError(path, literal);
        return literal.value;
      case 'datetime':
        if (literal.kind !== 'datetime') throw this.typeError(path, literal);
        return literal.value;
      default:
        if (literal.kind !== 'string') throw this.typeError(path, literal);
        return literal.value;
    }
  }

  private typeError(path: BoundPath, literal: Literal): SoqlError {
    const { field } = path;
    const typeName = typeNameOf(field);
    const quoting = typeName === 'string' || typeName === 'id' ? 'should be enclosed in quotes' : 'should not be enclosed in quotes';
    return soqlError('INVALID_FIELD', this.source, literal.position,
      `value of filter criterion for field '${field.name}' must be of type ${typeName} and ${quoting}`);
  }
}

function typeNameOf(field: RuntimeField): string {
  switch (field.type) {
    case 'id':
    case 'reference': return 'id';
    case 'boolean': return 'boolean';
    case 'int': return 'integer';
    case 'double':
    case 'currency':
    case 'percent': return 'double';
    case 'date': return 'date';
    case 'datetime': return 'dateTime';
    default: return 'string';
  }
}
