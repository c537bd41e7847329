import { RawJson, jsonResponse, type ApiResponse } from '../http/api-types.js';
import { RestError } from '../http/rest-error.js';
import type { OrgRuntime } from '../org-runtime.js';
import { executeQuery } from '../soql/execute-query.js';
import { SoqlError } from '../soql/soql-error.js';
import { purgeRecycleBin } from '../store/delete-records.js';
import type { OpenCursor } from './cursor-store.js';
import type { DataRequest, DataRoute } from './data-request.js';

/** `Sforce-Query-Options: batchSize` is a hint between 200 and 2,000, default 2,000 (docs/salesforce-api.md §4.2). */
const DEFAULT_BATCH_SIZE = 2000;
const MIN_BATCH_SIZE = 200;
const PAGE_END = Buffer.from(']}');
/**
 * Rows are written, joined and encoded 250 at a time: each batch's short-lived strings then die in the young
 * generation instead of being promoted, which takes about a quarter off the CPU of a wide 2,000-row page.
 */
const ROWS_PER_CHUNK = 250;

/** `/query` and `/queryAll` with SOQL, and their `nextRecordsUrl` pages (docs/salesforce-api.md §4). */
export function queryRoutes(runtime: OrgRuntime): DataRoute[] {
  const start = (includeDeleted: boolean) => (request: DataRequest): ApiResponse => {
    const soql = request.query.get('q');
    if (soql === null) throw new SoqlError('MALFORMED_QUERY', 'A query string has to be specified');
    if (includeDeleted) purgeRecycleBin(runtime.store);
    const execution = executeQuery(runtime.store, soql, includeDeleted);
    if (execution.kind === 'count') return jsonResponse(200, { totalSize: execution.totalSize, done: true, records: [] });
    if (execution.kind === 'aggregate') return jsonResponse(200, { totalSize: 1, done: true, records: [execution.row] });
    const open = runtime.cursors.open(execution.cursor, execution.writeRow, request.session.token);
    return page(runtime, request, open);
  };
  const more = (request: DataRequest): ApiResponse => {
    const locator = request.params['locator'] ?? '';
    const separator = locator.lastIndexOf('-');
    const open = separator < 0 ? null : runtime.cursors.get(locator.slice(0, separator), request.session.token);
    const position = Number(locator.slice(separator + 1));
    if (open === null || !Number.isSafeInteger(position) || !open.cursor.seek(position)) {
      throw new RestError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    return page(runtime, request, open);
  };
  return [
    { methods: ['GET'], template: '/query', handler: start(false) },
    { methods: ['GET'], template: '/queryAll', handler: start(true) },
    { methods: ['GET'], template: '/query/:locator', handler: more },
    { methods: ['GET'], template: '/queryAll/:locator', handler: more },
  ];
}

/**
 * One page as JSON. The last page has no `nextRecordsUrl` key at all; every page repeats the total.
 * Cursors of multi-page results stay open after the last page so a client can retry it.
 */
function page(runtime: OrgRuntime, request: DataRequest, open: OpenCursor): ApiResponse {
  const { cursor, writeRow } = open;
  const { records, done } = cursor.next(batchSize(request));
  if (done && cursor.position === records.length) runtime.cursors.close(open.id);
  const next = done ? '' : `,"nextRecordsUrl":"/services/data/v${request.version}/query/${open.id}-${cursor.position}"`;
  const chunks = [Buffer.from(`{"totalSize":${cursor.totalSize},"done":${done}${next},"records":[`)];
  for (let start = 0; start < records.length; start += ROWS_PER_CHUNK) {
    const rows = records.slice(start, start + ROWS_PER_CHUNK).map((record) => writeRow(record, request.version));
    chunks.push(Buffer.from(`${start > 0 ? ',' : ''}${rows.join(',')}`));
  }
  chunks.push(PAGE_END);
  return { status: 200, body: new RawJson(Buffer.concat(chunks)) };
}

function batchSize(request: DataRequest): number {
  const match = /batchSize\s*=\s*(\d+)/i.exec(request.headers['sforce-query-options'] ?? '');
  if (match === null) return DEFAULT_BATCH_SIZE;
  return Math.min(DEFAULT_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Number(match[1])));
}
