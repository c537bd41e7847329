import type { SalesforceError } from '../errors/salesforce-error.js';

/**
 * errorCodes with which Salesforce answers 400 to the creation of a query job Bulk API 2.0 will not run, although
 * REST can run the same query (docs/salesforce-api.md §6.4, §6.5). Matched on the code and the status, never on the
 * message's wording; SOQL errors (INVALID_FIELD, MALFORMED_QUERY) are not refusals, REST would answer them too.
 * - `API_ERROR`: constructs Bulk cannot run: compound address/location fields, subqueries, aggregates, OFFSET, TYPEOF.
 * - `INVALIDENTITY`: an object Bulk cannot query at all ("Entity 'X' is not supported by the Bulk API.").
 * - `LIMIT_EXCEEDED`: the org's daily Bulk query jobs or query result storage are spent.
 * - `EXCEEDEDQUOTA`, `FEATURENOTENABLED`: Bulk's documented codes for a spent 24 h allocation and for an org without
 *   Bulk API 2.0, in the upper case Bulk API 2.0 answers its codes with.
 * Salesforce, Bulk API 2.0 and Bulk API Developer Guide, "Errors":
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/bulk_api_2_0_errors.htm
 */
const QUERY_JOB_REFUSALS: ReadonlySet<string> = new Set(['API_ERROR', 'INVALIDENTITY', 'LIMIT_EXCEEDED', 'EXCEEDEDQUOTA', 'FEATURENOTENABLED']);

/** Whether creating a query job failed because Bulk API 2.0 cannot serve this query now (so REST should read it). */
export function isQueryJobRefusal(error: SalesforceError): boolean {
  return error.status === 400 && error.errorCode !== undefined && QUERY_JOB_REFUSALS.has(error.errorCode.toUpperCase());
}
