/**
 * Error codes a SalesforceError can carry: a closed union so callers can narrow in a `switch`
 * and Temporal workflows can match ApplicationFailure `type`s.
 */

/** Codes this client assigns itself, for failures that carry no Salesforce errorCode. */
export const CLIENT_ERROR_CODES = [
  'AUTH_FAILED', // the token endpoint refused us (invalid_grant, invalid_client, ...) or a secret is unusable
  'CONFIG_INVALID', // connection config or a secret reference is wrong; fixing it needs a person
  'API_VERSION_UNSUPPORTED', // the pinned version is absent from /services/data/ or answered 410 GONE
  'NETWORK', // connection refused/reset/closed before a complete response
  'TIMEOUT', // connect, headers or body timeout
  'ABORTED', // the caller's AbortSignal fired
  'SERVICE_UNAVAILABLE', // 502/503/504 without a Salesforce errorCode (HTML from the edge)
  'MULTIPLE_CHOICES', // 300: an upsert's external id matched more than one record
  'INVALID_RESPONSE', // a 2xx body that is not the JSON shape we expect
  'INVALID_ARGUMENT', // the caller asked for something we refuse to send (bad batch size, foreign nextRecordsUrl)
  'HTTP_ERROR', // any other non-2xx without a recognisable body
  'API_VERSION_MISMATCH', // 409: Bulk API 2.0 results must be read with the API version that created the job
  'BULK_JOB_FAILED', // a Bulk API 2.0 job ended Failed; the message carries its errorMessage
  'BULK_JOB_ABORTED', // a Bulk API 2.0 job was aborted, by us or by someone in the org
  'SALESFORCE_ERROR', // a Salesforce errorCode not listed below; the raw code is kept in `errorCode`
] as const;

/**
 * Salesforce errorCodes we name explicitly (docs/salesforce-api.md §2.5, §5). Anything else maps to SALESFORCE_ERROR
 * with the original string in `errorCode`, so the union stays closed.
 */
export const SALESFORCE_ERROR_CODES = [
  'INVALID_SESSION_ID',
  'INVALID_AUTH_HEADER',
  'REQUEST_LIMIT_EXCEEDED',
  'API_DISABLED_FOR_ORG',
  'API_CURRENTLY_DISABLED',
  'INSUFFICIENT_ACCESS',
  'INSUFFICIENT_ACCESS_OR_READONLY',
  'MALFORMED_QUERY',
  'INVALID_FIELD',
  'INVALID_TYPE',
  'INVALID_QUERY_LOCATOR',
  'QUERY_TIMEOUT',
  'QUERY_TOO_COMPLICATED',
  'EXCEEDED_ID_LIMIT',
  'NUMBER_OUTSIDE_VALID_RANGE',
  'NOT_FOUND',
  'MALFORMED_ID',
  'ENTITY_IS_DELETED',
  'REQUIRED_FIELD_MISSING',
  'DUPLICATE_VALUE',
  'DUPLICATES_DETECTED',
  'STRING_TOO_LONG',
  'INVALID_FIELD_FOR_INSERT_UPDATE',
  'INVALID_CROSS_REFERENCE_KEY',
  'FIELD_CUSTOM_VALIDATION_EXCEPTION',
  'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
  'JSON_PARSER_ERROR',
  'UNABLE_TO_LOCK_ROW',
  'METHOD_NOT_ALLOWED',
  'PROCESSING_HALTED',
  'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  'SERVER_UNAVAILABLE',
  'UNKNOWN_EXCEPTION',
] as const;

export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];
export type SalesforceErrorCodeName = (typeof SALESFORCE_ERROR_CODES)[number];
export type SalesforceErrorCode = ClientErrorCode | SalesforceErrorCodeName;

const knownSalesforceCodes: ReadonlySet<string> = new Set(SALESFORCE_ERROR_CODES);

export function isKnownSalesforceCode(value: string): value is SalesforceErrorCodeName {
  return knownSalesforceCodes.has(value);
}
