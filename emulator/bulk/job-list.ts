import { jsonResponse, type ApiResponse } from '../http/api-types.js';
import { RestError } from '../http/rest-error.js';
import type { DataRequest } from '../rest/data-request.js';
import { decodeLocator, encodeLocator } from './result-locator.js';

/** Job lists come in pages of up to 1,000 jobs (docs/salesforce-api.md §6.1). */
const PAGE_SIZE = 1000;
/** Locators of job lists are always the opaque form. */
const OPAQUE_VERSION = Number.POSITIVE_INFINITY;

export interface ListedJob {
  listedInfo(): Record<string, unknown>;
}

/**
 * `GET /jobs/ingest` and `GET /jobs/query`: `{ done, records, nextRecordsUrl }`, `nextRecordsUrl` null on the
 * last page. Every emulator job is a Bulk API 2.0 job in Parallel mode, so a `jobType` or `concurrencyMode`
 * filter that asks for anything else lists nothing.
 */
export function jobListPage(jobs: readonly ListedJob[], request: DataRequest, jobType: 'V2Query' | 'V2Ingest'): ApiResponse {
  const typeFilter = request.query.get('jobType');
  const modeFilter = request.query.get('concurrencyMode');
  const matching = (typeFilter !== null && typeFilter !== jobType) || (modeFilter !== null && modeFilter !== 'Parallel') ? [] : jobs;
  const locator = request.query.get('queryLocator');
  const offset = locator === null ? 0 : decodeLocator(locator, OPAQUE_VERSION);
  if (offset === null || offset > matching.length) throw new RestError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  const end = offset + PAGE_SIZE;
  const done = end >= matching.length;
  const path = jobType === 'V2Query' ? 'query' : 'ingest';
  return jsonResponse(200, {
    done,
    records: matching.slice(offset, end).map((job) => job.listedInfo()),
    nextRecordsUrl: done ? null : `/services/data/v${request.version}/jobs/${path}?queryLocator=${encodeLocator(end, OPAQUE_VERSION)}`,
  });
}
