import type { RuntimeField } from '../schema/object-schema.js';
import type { SaveErrorItem } from '../store/save-error.js';
import { parseDateLiteral, parseDateTimeInput } from '../values/datetime.js';

/** `#N/A` sets a field to null; an empty cell leaves it as it is (docs/salesforce-api.md §6.3). */
export const NULL_CELL = '#N/A';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const BOOLEAN = /^(?:true|false|1|0)$/i;

/** The xsd type names Salesforce reports when a CSV value cannot be read. */
const XSD_TYPES: Partial<Record<RuntimeField['type'], string>> = {
  boolean: 'boolean', int: 'int', double: 'double', currency: 'double', percent: 'double', date: 'date', datetime: 'dateTime',
};

/**
 * One CSV cell as the save input of its field: booleans and numbers (scientific notation included) as
 * JSON values, dates `yyyy-MM-dd`, datetimes with `Z` or an offset (docs/salesforce-api.md §6.3, §8). A cell that does
 * not fit its type is the row's error, worded as Salesforce's CSV reader does [FLAG: no status code].
 */
export function cellInput(field: RuntimeField, cell: string, column: number): { ok: true; value: unknown } | { ok: false; error: SaveErrorItem } {
  const xsd = XSD_TYPES[field.type];
  let valid = true;
  let value: unknown = cell;
  switch (field.type) {
    case 'boolean':
      valid = BOOLEAN.test(cell);
      value = /^(?:true|1)$/i.test(cell);
      break;
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      valid = NUMBER.test(cell);
      value = Number(cell);
      break;
    case 'date':
      valid = parseDateLiteral(cell) !== null;
      break;
    case 'datetime':
      valid = parseDateTimeInput(cell) !== null;
      break;
    default:
      break;
  }
  if (valid) return { ok: true, value };
  return {
    ok: false,
    error: { statusCode: '', message: `Failed to deserialize field at col ${column}. Due to, '${cell}' is not a valid value for the type xsd:${xsd ?? 'string'}`, fields: [] },
  };
}

/**
 * `sf__Error` text: `STATUS_CODE:message:fields --`, e.g. `REQUIRED_FIELD_MISSING:Required fields are
 * missing: [Name]:Name --` (docs/salesforce-api.md §6.2); several fields are separated by spaces [FLAG].
 */
export function errorText(item: SaveErrorItem): string {
  if (item.statusCode === '') return item.message;
  return `${item.statusCode}:${item.message}:${item.fields.join(' ')}${item.fields.length === 0 ? '' : ' '}--`;
}
