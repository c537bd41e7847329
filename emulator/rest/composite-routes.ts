import { RawJson, jsonResponse, type ApiResponse } from '../http/api-types.js';
import { RestError, errorResponse } from '../http/rest-error.js';
import type { OrgRuntime } from '../org-runtime.js';
import { recordUrl } from '../store/record-json.js';
import { UnresolvedReference, resolveReferences } from './composite-references.js';
import type { DataRequest, DataRoute, Dispatch } from './data-request.js';

/** Composite limits (docs/salesforce-api.md §5.1): 25 subrequests, of which at most 5 collections or queries. */
const MAX_SUBREQUESTS = 25;
const MAX_QUERY_OR_COLLECTION = 5;
/** From v52.0 a reference to a null field resolves instead of halting. */
const NULL_REFERENCE_VERSION = 52;
const REFERENCE_ID = /^[A-Za-z0-9][A-Za-z0-9_]*$/;
const FORBIDDEN_HEADERS = ['accept', 'authorization', 'content-type'];
const QUERY_OR_COLLECTION = /\/(query|queryAll)(\/|\?|$)|\/composite\/sobjects/;

interface CompositeSubrequest {
  method: string;
  url: string;
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

class RollbackComposite extends Error {}

const halted = (message: string): ApiResponse => errorResponse(400, 'PROCESSING_HALTED', message);
const rolledBack = (): ApiResponse => halted('The transaction was rolled back since another operation in the same transaction failed.');

/** `POST /composite` (always 200 at the top level) and `GET /composite` (its resource list). */
export function compositeRoutes(runtime: OrgRuntime, dispatch: Dispatch): DataRoute[] {
  return [
    {
      methods: ['GET'], template: '/composite',
      handler: (request) => {
        const base = `/services/data/v${request.version}/composite`;
        return jsonResponse(200, { tree: `${base}/tree`, batch: `${base}/batch`, sobjects: `${base}/sobjects`, graph: `${base}/graph` });
      },
    },
    {
      methods: ['POST'], template: '/composite',
      handler: (request) => {
        const { allOrNone, subrequests } = parseComposite(request);
        const allowNull = request.versionNumber >= NULL_REFERENCE_VERSION;
        const results = new Map<string, unknown>();
        const responses: ApiResponse[] = [];
        let failed = false;
        const runAll = (): void => {
          for (const sub of subrequests) {
            if (failed && allOrNone) {
              responses.push(rolledBack());
              continue;
            }
            let response: ApiResponse;
            try {
              const url = resolveReferences(sub.url, results, allowNull) as string;
              const body = resolveReferences(sub.body, results, allowNull);
              response = dispatch(request, { method: sub.method, url, body, ...(sub.httpHeaders === undefined ? {} : { headers: sub.httpHeaders }) });
            } catch (error) {
              if (!(error instanceof UnresolvedReference)) throw error;
              response = halted(error.message);
            }
            if (response.status < 400) results.set(sub.referenceId, bodyValue(response));
            else failed = true;
            responses.push(response);
          }
          if (failed && allOrNone) throw new RollbackComposite();
        };
        try {
          // One write for all subrequests: their own writes join it, and a rollback undoes them together.
          runtime.store.write(runAll);
        } catch (error) {
          if (!(error instanceof RollbackComposite)) throw error;
          for (const [index, response] of responses.entries()) {
            if (response.status < 400) responses[index] = rolledBack();
          }
        }
        return jsonResponse(200, {
          compositeResponse: responses.map((response, index) => ({
            body: bodyValue(response) ?? null,
            httpHeaders: locationHeader(runtime, request.version, response),
            httpStatusCode: response.status,
            referenceId: subrequests[index]?.referenceId,
          })),
        });
      },
    },
  ];
}

function parseComposite(request: DataRequest): { allOrNone: boolean; subrequests: CompositeSubrequest[] } {
  const body = request.json() as { allOrNone?: unknown; compositeRequest?: unknown } | undefined;
  const list = body?.compositeRequest;
  if (!Array.isArray(list) || list.length === 0) throw new RestError(400, 'JSON_PARSER_ERROR', 'compositeRequest: expected a non-empty array of subrequests');
  if (list.length > MAX_SUBREQUESTS) throw new RestError(400, 'LIMIT_EXCEEDED', `Too many subrequests: ${list.length}. The limit is ${MAX_SUBREQUESTS}.`);
  const seen = new Set<string>();
  const subrequests = list.map((raw: unknown): CompositeSubrequest => {
    const sub = raw as Partial<CompositeSubrequest>;
    if (typeof sub.method !== 'string' || !['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(sub.method)) {
      throw new RestError(400, 'JSON_PARSER_ERROR', `Invalid HTTP method: ${String(sub.method)}`);
    }
    if (typeof sub.url !== 'string' || !/^\/services\/data\/v\d+\.\d\//.test(sub.url)) {
      throw new RestError(400, 'INVALID_URL', `The URL must start with /services/data/vXX.X/: ${String(sub.url)}`);
    }
    if (typeof sub.referenceId !== 'string' || !REFERENCE_ID.test(sub.referenceId) || seen.has(sub.referenceId)) {
      throw new RestError(400, 'INVALID_REFERENCE_ID', `Invalid or duplicate referenceId: ${String(sub.referenceId)}`);
    }
    seen.add(sub.referenceId);
    const headers = sub.httpHeaders ?? {};
    const forbidden = Object.keys(headers).find((name) => FORBIDDEN_HEADERS.includes(name.toLowerCase()));
    if (forbidden !== undefined) throw new RestError(400, 'INVALID_HEADER', `The ${forbidden} header is not allowed in a subrequest`);
    return { method: sub.method, url: sub.url, referenceId: sub.referenceId, body: sub.body, httpHeaders: headers };
  });
  if (subrequests.filter((sub) => QUERY_OR_COLLECTION.test(sub.url)).length > MAX_QUERY_OR_COLLECTION) {
    throw new RestError(400, 'LIMIT_EXCEEDED', `At most ${MAX_QUERY_OR_COLLECTION} subrequests may be sObject Collections or queries`);
  }
  return { allOrNone: body?.allOrNone === true, subrequests };
}

function bodyValue(response: ApiResponse): unknown {
  return response.body instanceof RawJson ? (JSON.parse(response.body.text) as unknown) : response.body;
}

/** A created record's sub-response carries its URL in `Location`; every other one has no headers. */
function locationHeader(runtime: OrgRuntime, version: string, response: ApiResponse): Record<string, string> {
  if (response.status !== 201) return {};
  const id = (bodyValue(response) as { id?: unknown } | undefined)?.id;
  const found = typeof id === 'string' ? runtime.store.find(id) : undefined;
  return found === undefined ? {} : { Location: recordUrl(version, found.table.schema.name, found.record.id) };
}
