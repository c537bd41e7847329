import { jsonResponse } from '../http/api-types.js';
import { RestError } from '../http/rest-error.js';
import type { OrgRuntime } from '../org-runtime.js';
import { RECYCLE_BIN_RETENTION_MS, purgeRecycleBin } from '../store/delete-records.js';
import { formatDateTime, parseDateTimeInput } from '../values/datetime.js';
import type { DataRequest, DataRoute } from './data-request.js';
import { requireObject } from './request-helpers.js';

const MINUTE_MS = 60_000;
/** Get Updated covers the last 30 days; either call returns at most 600,000 IDs (docs/salesforce-api.md §3.5). */
const UPDATED_WINDOW_MS = 30 * 24 * 60 * MINUTE_MS;
const MAX_IDS = 600_000;

interface Window {
  start: number;
  end: number;
}

/** `GET /sobjects/X/updated/` and `/deleted/`: replication by SystemModstamp and by deletion time. */
export function replicationRoutes(runtime: OrgRuntime): DataRoute[] {
  const { store } = runtime;
  return [
    {
      methods: ['GET'], template: '/sobjects/:object/updated',
      handler: (request) => {
        const object = requireObject(store, request.params['object']);
        const window = replicationWindow(request, runtime.clock.now());
        if (window.start < runtime.clock.now() - UPDATED_WINDOW_MS) {
          throw new RestError(400, 'INVALID_REPLICATION_DATE', 'startDate cannot be more than 30 days ago');
        }
        const ids: string[] = [];
        const index = store.tableFor(object).index('modstamp', false);
        index.scan(index.lowerBound({ modstamp: window.start, id: '' }), 1, (record) => {
          if (record.modstamp >= window.end) return false;
          ids.push(record.id);
          return true;
        });
        if (ids.length > MAX_IDS) throw new RestError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_IDS} records into this call`);
        return jsonResponse(200, { ids: ids.sort(), latestDateCovered: formatDateTime(window.end) });
      },
    },
    {
      methods: ['GET'], template: '/sobjects/:object/deleted',
      handler: (request) => {
        const object = requireObject(store, request.params['object']);
        const window = replicationWindow(request, runtime.clock.now());
        purgeRecycleBin(store);
        const deleted = [...store.tableFor(object).deleted()]
          .filter((record) => (record.deletedAt as number) >= window.start && (record.deletedAt as number) < window.end)
          .sort((a, b) => (a.deletedAt as number) - (b.deletedAt as number) || (a.id < b.id ? -1 : 1));
        if (deleted.length > MAX_IDS) throw new RestError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_IDS} records into this call`);
        const earliest = floorToMinute(runtime.clock.now() - RECYCLE_BIN_RETENTION_MS);
        return jsonResponse(200, {
          deletedRecords: deleted.map((record) => ({ id: record.id, deletedDate: formatDateTime(record.deletedAt as number) })),
          earliestDateAvailable: formatDateTime(earliest),
          latestDateCovered: formatDateTime(window.end),
        });
      },
    },
  ];
}

/** `start` and `end` in UTC, seconds ignored (rounded down to the minute), end no later than now. */
function replicationWindow(request: DataRequest, now: number): Window {
  const read = (name: string): number => {
    // A literal '+' in an unencoded offset arrives as a space.
    const text = request.query.get(name)?.replace(/ /g, '+');
    const value = text === undefined ? null : parseDateTimeInput(text);
    if (value === null) throw new RestError(400, 'INVALID_REPLICATION_DATE', `${name} is a required parameter in the format yyyy-MM-ddTHH:mm:ss+00:00`);
    return floorToMinute(value);
  };
  const start = read('start');
  const end = Math.min(read('end'), floorToMinute(now));
  if (start >= end) throw new RestError(400, 'INVALID_REPLICATION_DATE', 'startDate must chronologically precede endDate');
  return { start, end };
}

function floorToMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}
