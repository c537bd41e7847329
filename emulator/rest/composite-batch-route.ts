import { RawJson, jsonResponse, type ApiResponse } from '../http/api-types.js';
import { RestError, errorResponse, requestLimitExceeded } from '../http/rest-error.js';
import type { OrgRuntime } from '../org-runtime.js';
import type { DataRoute, Dispatch } from './data-request.js';

/** At most 25 subrequests, run serially and independently, no rollback (docs/salesforce-api.md §5.2). */
const MAX_SUBREQUESTS = 25;
/** Batch subrequest versions start at 34.0. */
const MIN_SUBREQUEST_VERSION = 34;

interface BatchSubrequest {
  method: string;
  url: string;
  richInput?: unknown;
}

/** `POST /composite/batch`: each subrequest counts as one API call, so the route itself counts none. */
export function compositeBatchRoute(runtime: OrgRuntime, dispatch: Dispatch): DataRoute {
  return {
    methods: ['POST'], template: '/composite/batch', calls: 0,
    handler: (request) => {
      const body = request.json() as { batchRequests?: unknown; haltOnError?: unknown } | undefined;
      const list = body?.batchRequests;
      if (!Array.isArray(list) || list.length === 0) throw new RestError(400, 'JSON_PARSER_ERROR', 'batchRequests: expected a non-empty array of subrequests');
      if (list.length > MAX_SUBREQUESTS) throw new RestError(400, 'LIMIT_EXCEEDED', `Too many subrequests: ${list.length}. The limit is ${MAX_SUBREQUESTS}.`);
      const subrequests = list.map((raw: unknown) => parseSubrequest(raw, request.versionNumber));
      const results: { statusCode: number; result: unknown }[] = [];
      let halted = false;
      for (const sub of subrequests) {
        let response: ApiResponse;
        if (halted) response = errorResponse(412, 'BATCH_PROCESSING_HALTED', 'Batch processing halted per request');
        else if (!runtime.usage.tryConsume(1)) response = requestLimitExceeded().toResponse();
        else response = dispatch(request, { method: sub.method, url: `/services/data/${sub.url.replace(/^\/services\/data\//, '')}`, body: sub.richInput });
        const result = response.body instanceof RawJson ? (JSON.parse(response.body.text) as unknown) : (response.body ?? null);
        results.push({ statusCode: response.status, result });
        if (response.status >= 400 && body?.haltOnError === true) halted = true;
      }
      return jsonResponse(200, { hasErrors: results.some((result) => result.statusCode >= 400), results });
    },
  };
}

function parseSubrequest(raw: unknown, topVersion: number): BatchSubrequest {
  const sub = raw as Partial<BatchSubrequest>;
  if (typeof sub.method !== 'string' || typeof sub.url !== 'string') {
    throw new RestError(400, 'JSON_PARSER_ERROR', 'Each batch subrequest needs a method and a url');
  }
  const version = /^(?:\/services\/data\/)?v(\d+)\.\d\//.exec(sub.url);
  if (version === null || Number(version[1]) < MIN_SUBREQUEST_VERSION || Number(version[1]) > topVersion) {
    throw new RestError(400, 'INVALID_URL', `Subrequest URLs must start with vXX.X/ for a version from ${MIN_SUBREQUEST_VERSION}.0 to ${topVersion}.0: ${sub.url}`);
  }
  return { method: sub.method, url: sub.url, richInput: sub.richInput };
}
