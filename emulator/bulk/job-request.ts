import { notFoundError } from '../http/rest-error.js';
import type { DataRequest } from '../rest/data-request.js';
import { invalidProperty } from './bulk-errors.js';
import { isColumnDelimiter, isLineEnding, type ColumnDelimiter, type LineEnding } from './csv-format.js';

/** Ingest jobs exist from v41.0 and query jobs from v47.0 (docs/salesforce-api.md §6); older versions have no such resource. */
const FIRST_VERSION = { ingest: 41, query: 47 } as const;

export function requireJobsVersion(request: DataRequest, jobType: keyof typeof FIRST_VERSION): void {
  if (request.versionNumber < FIRST_VERSION[jobType]) throw notFoundError();
}

/** The JSON body of a job request as an object; anything else reads as an empty one. */
export function jobBody(request: DataRequest): Record<string, unknown> {
  const body = request.json();
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** `contentType` (only CSV), `columnDelimiter` (COMMA by default) and `lineEnding` (LF by default). */
export function csvOptions(body: Record<string, unknown>): { columnDelimiter: ColumnDelimiter; lineEnding: LineEnding } {
  const { contentType, columnDelimiter = 'COMMA', lineEnding = 'LF' } = body;
  if (contentType !== undefined && contentType !== 'CSV') throw invalidProperty('contentType', contentType);
  if (!isColumnDelimiter(columnDelimiter)) throw invalidProperty('columnDelimiter', columnDelimiter);
  if (!isLineEnding(lineEnding)) throw invalidProperty('lineEnding', lineEnding);
  return { columnDelimiter, lineEnding };
}

/** The `state` a PATCH asks for. */
export function requestedState(request: DataRequest): unknown {
  return jobBody(request)['state'];
}
