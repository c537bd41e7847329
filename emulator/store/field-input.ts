import { normalizeId } from '../ids/salesforce-id.js';
import type { FieldValue } from '../schema/object-def.js';
import type { RuntimeField } from '../schema/object-schema.js';
import { parseDateInput, parseDateTimeInput } from '../values/datetime.js';
import { jsonParserError, type SaveErrorItem } from './save-error.js';

/** A converted input value, or the save error the value causes. */
export type InputResult = { ok: true; value: FieldValue } | { ok: false; error: SaveErrorItem };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Converts one JSON input value to the stored form of `field`, applying the checks Salesforce makes on save.
 * JSON of the wrong shape throws a request-level SaveError (Salesforce fails deserialization of the whole body).
 */
export function toStoredValue(field: RuntimeField, raw: unknown): InputResult {
  if (raw === null || raw === undefined) return ok(field.type === 'boolean' ? false : null);
  const { def } = field;
  switch (field.type) {
    case 'boolean':
      if (typeof raw === 'boolean') return ok(raw);
      if (raw === 'true' || raw === 'false') return ok(raw === 'true');
      throw jsonParserError('boolean', raw);
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return toNumber(field, raw);
    case 'date': {
      const value = typeof raw === 'string' ? parseDateInput(raw) : null;
      if (value === null) throw jsonParserError('date', raw);
      return ok(value);
    }
    case 'datetime': {
      const value = typeof raw === 'string' ? parseDateTimeInput(raw) : null;
      if (value === null) throw jsonParserError('datetime', raw);
      // Salesforce keeps datetimes to the second.
      return ok(Math.floor(value / 1000) * 1000);
    }
    case 'id':
    case 'reference': {
      if (typeof raw !== 'string') throw jsonParserError('id', raw);
      if (raw === '') return ok(null);
      const id = normalizeId(raw);
      if (id === null) return fail('MALFORMED_ID', `${def.label}: id value of incorrect type: ${raw}`, field.name);
      return ok(id);
    }
    case 'multipicklist': {
      if (typeof raw !== 'string') throw jsonParserError('string', raw);
      const values = [...new Set(raw.split(';').map((value) => value.trim()).filter((value) => value !== ''))];
      return values.length === 0 ? ok(null) : checkLength(field, values.join(';'));
    }
    case 'address':
    case 'location':
      throw jsonParserError('string', raw);
    default: {
      if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') throw jsonParserError('string', raw);
      const text = String(raw);
      // Salesforce stores an empty text value as null.
      if (text === '') return ok(null);
      if (field.type === 'email' && !EMAIL.test(text)) {
        return fail('INVALID_EMAIL_ADDRESS', `${def.label}: invalid email address: ${text}`, field.name);
      }
      if (field.type === 'picklist' && def.restrictedPicklist && !def.picklistValues.some((entry) => entry.value === text)) {
        return fail('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${def.label}: bad value for restricted picklist field: ${text}`, field.name);
      }
      return checkLength(field, text);
    }
  }
}

function toNumber(field: RuntimeField, raw: unknown): InputResult {
  const typeName = field.type === 'int' ? 'int' : 'double';
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value)) throw jsonParserError(typeName, raw);
  const { def } = field;
  const scale = field.type === 'int' ? 0 : def.scale;
  const rounded = Math.round(value * 10 ** scale) / 10 ** scale;
  const integerDigits = field.type === 'int' ? def.digits : def.precision - def.scale;
  if (integerDigits > 0 && Math.abs(Math.trunc(rounded)) >= 10 ** integerDigits) {
    return fail('NUMBER_OUTSIDE_VALID_RANGE', `${def.label}: value outside of valid range on numeric field: ${String(raw)}`, field.name);
  }
  return ok(rounded);
}

function checkLength(field: RuntimeField, text: string): InputResult {
  const { def } = field;
  if (def.length > 0 && text.length > def.length) {
    return fail('STRING_TOO_LONG', `${def.label}: data value too large: ${text} (max length=${def.length})`, field.name);
  }
  return ok(text);
}

function ok(value: FieldValue): InputResult {
  return { ok: true, value };
}

function fail(statusCode: string, message: string, fieldName: string): InputResult {
  return { ok: false, error: { statusCode, message, fields: [fieldName] } };
}
