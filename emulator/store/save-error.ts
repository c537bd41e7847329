/**
 * A failed save. Salesforce reports these per record (`statusCode` inside save results) or, for a single-record
 * request, as the top-level error array (`errorCode`). Deserialization problems (unknown field, wrong JSON type)
 * fail the whole request even inside a collection, which `requestLevel` marks.
 */
export interface SaveErrorItem {
  statusCode: string;
  message: string;
  fields: string[];
}

export class SaveError extends Error {
  constructor(
    readonly items: SaveErrorItem[],
    readonly requestLevel = false,
  ) {
    super(items.map((item) => `${item.statusCode}: ${item.message}`).join('; '));
    this.name = 'SaveError';
  }

  /** HTTP status when this error answers a single-record request. */
  get httpStatus(): number {
    const code = this.items[0]?.statusCode;
    return code === 'NOT_FOUND' || code === 'ENTITY_IS_DELETED' ? 404 : 400;
  }
}

export function saveError(statusCode: string, message: string, fields: string[] = []): SaveError {
  return new SaveError([{ statusCode, message, fields }]);
}

export const entityIsDeleted = (): SaveError => saveError('ENTITY_IS_DELETED', 'entity is deleted');

export const notFound = (): SaveError => saveError('NOT_FOUND', 'The requested resource does not exist');

export function noSuchColumn(objectName: string, fieldName: string): SaveError {
  return new SaveError([{
    statusCode: 'INVALID_FIELD', message: `No such column '${fieldName}' on sobject of type ${objectName}`, fields: [],
  }], true);
}

export function jsonParserError(typeName: string, value: unknown): SaveError {
  return new SaveError([{
    statusCode: 'JSON_PARSER_ERROR',
    message: `Cannot deserialize instance of ${typeName} from ${jsonTokenOf(value)} value ${String(value)} or request may be missing a required field`,
    fields: [],
  }], true);
}

/** The Jackson token name Salesforce's deserializer reports for a JSON value. */
function jsonTokenOf(value: unknown): string {
  if (typeof value === 'string') return 'VALUE_STRING';
  if (typeof value === 'boolean') return value ? 'VALUE_TRUE' : 'VALUE_FALSE';
  if (typeof value === 'number') return Number.isInteger(value) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
  if (Array.isArray(value)) return 'START_ARRAY';
  return 'START_OBJECT';
}
