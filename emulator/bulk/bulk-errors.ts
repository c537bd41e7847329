import { RestError } from '../http/rest-error.js';

/**
 * Bulk API 2.0 errors, in the REST error-array shape. Codes and wording seen from real orgs are used where
 * known (docs/salesforce-api.md §6 and the sources named below); the rest follow the same pattern and are marked [FLAG].
 */

/** `INVALIDJOB` with Salesforce's `InvalidJob : ` prefix, e.g. `InvalidJob : Unable to find object: Foo`. */
export function invalidJob(detail: string): RestError {
  return new RestError(400, 'INVALIDJOB', `InvalidJob : ${detail}`);
}

/** A job property with a value Salesforce does not accept, e.g. `Invalid value: '' supplied for property: 'operation'`. */
export function invalidProperty(property: string, value: unknown): RestError {
  const text = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  return new RestError(400, 'API_ERROR', `Invalid value: '${text}' supplied for property: '${property}'`);
}

/** A query Bulk API 2.0 cannot run, refused when the job is created (salesforcer's tests against a real org). */
export function unsupportedQuery(message: string): RestError {
  return new RestError(400, 'API_ERROR', message);
}

/** A state change the job's current state does not allow [FLAG: wording]. */
export function invalidJobState(message: string): RestError {
  return new RestError(400, 'INVALIDJOBSTATE', `InvalidJobState : ${message}`);
}

/** A rolling 24-hour Bulk allocation is used up (400 `LIMIT_EXCEEDED`, as Airbyte's fixtures show). */
export function bulkLimitExceeded(message: string): RestError {
  return new RestError(400, 'LIMIT_EXCEEDED', message);
}

/** A second upload to the same job, in Salesforce's own words (and spelling). */
export function repeatedUpload(jobId: string): RestError {
  return new RestError(400, 'BULK_API_ERROR',
    `Found multipe contents for job: <${jobId.slice(0, 15)}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.`);
}

/** An upload with no bytes [FLAG: wording]. */
export function emptyUpload(): RestError {
  return new RestError(400, 'API_ERROR', 'Job data is empty: upload the CSV in the request body');
}

/** An upload larger than the limit [FLAG: status and wording]. */
export function uploadTooLarge(limitBytes: number): RestError {
  return new RestError(413, 'REQUEST_ENTITY_TOO_LARGE', `Job data exceeds the maximum size of ${limitBytes} bytes (base64-encoded)`);
}
