import { z } from 'zod';
import type { ApiCaller } from '../client/api-caller.js';
import type { SalesforceError } from '../errors/salesforce-error.js';
import { toSalesforceError } from '../errors/to-salesforce-error.js';
import { versionRoot } from '../http/api-urls.js';
import type { HttpMethod } from '../http/transport.js';
import { chunk } from './chunk.js';

/** Composite accepts at most 25 subrequests per call (docs/salesforce-api.md §5.1). */
export const COMPOSITE_MAX_SUBREQUESTS = 25;

export interface CompositeSubrequest {
  method: HttpMethod;
  /** Path under the pinned version root, e.g. `/sobjects/Account/Ext__c/42`; the client adds `/services/data/vXX.X`. */
  path: string;
  /** Letters, digits and `_`, starting with a letter or digit; unique within the call. */
  referenceId: string;
  body?: unknown;
  httpHeaders?: Readonly<Record<string, string>>;
}

export interface CompositeResult {
  referenceId: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** Set when status is not 2xx; built by the same factory as every other error. */
  error?: SalesforceError;
}

const compositeResponseSchema = z.object({
  compositeResponse: z.array(
    z.object({
      referenceId: z.string(),
      httpStatusCode: z.number().int(),
      httpHeaders: z.record(z.string(), z.string()).nullable().optional(),
      body: z.unknown(),
    }),
  ),
});

const referenceIdPattern = /^[A-Za-z0-9][A-Za-z0-9_]*$/;
const referencePattern = /@\{([A-Za-z0-9][A-Za-z0-9_]*)[.[}]/g;

/**
 * `POST /composite`, split into calls of 25 subrequests; results come back in input order.
 * Salesforce cannot roll back across calls, so `allOrNone` holds within each chunk of 25, and a
 * subrequest may only reference (`@{ref.id}`) subrequests in its own chunk.
 */
export async function composite(
  api: ApiCaller,
  subrequests: readonly CompositeSubrequest[],
  options: { allOrNone?: boolean; signal?: AbortSignal } = {},
): Promise<CompositeResult[]> {
  const chunks = chunk(subrequests, COMPOSITE_MAX_SUBREQUESTS);
  validateReferences(chunks);
  const results: CompositeResult[] = [];
  for (const group of chunks) results.push(...(await sendChunk(api, group, options)));
  return results;
}

async function sendChunk(
  api: ApiCaller,
  group: readonly CompositeSubrequest[],
  options: { allOrNone?: boolean; signal?: AbortSignal },
): Promise<CompositeResult[]> {
  const root = versionRoot(api.apiVersion);
  const body = {
    allOrNone: options.allOrNone ?? false,
    compositeRequest: group.map((sub) => ({
      method: sub.method,
      url: `${root}${sub.path.startsWith('/') ? '' : '/'}${sub.path}`,
      referenceId: sub.referenceId,
      ...(sub.body === undefined ? {} : { body: sub.body }),
      ...(sub.httpHeaders === undefined ? {} : { httpHeaders: sub.httpHeaders }),
    })),
  };
  const response = await api.json(
    { method: 'POST', path: api.path('composite'), route: '/composite', json: body, ...(options.signal ? { signal: options.signal } : {}) },
    compositeResponseSchema,
    'composite',
  );
  const byReference = new Map(response.compositeResponse.map((item) => [item.referenceId, item]));
  return group.map((sub, index) => {
    const item = byReference.get(sub.referenceId);
    if (item === undefined) {
      throw toSalesforceError({ code: 'INVALID_RESPONSE', message: `composite response lacks referenceId ${sub.referenceId}` });
    }
    const headers = item.httpHeaders ?? {};
    const ok = item.httpStatusCode >= 200 && item.httpStatusCode < 300;
    const error = ok
      ? undefined
      : toSalesforceError(
          { response: { status: item.httpStatusCode, headers, body: item.body } },
          { method: sub.method, path: body.compositeRequest[index]?.url ?? sub.path },
        );
    return { referenceId: sub.referenceId, status: item.httpStatusCode, headers, body: item.body, ...(error ? { error } : {}) };
  });
}

function validateReferences(chunks: readonly (readonly CompositeSubrequest[])[]): void {
  const chunkOf = new Map<string, number>();
  chunks.forEach((group, index) => {
    for (const sub of group) {
      if (!referenceIdPattern.test(sub.referenceId)) invalid(`referenceId ${JSON.stringify(sub.referenceId)} is not letters, digits and _`);
      if (chunkOf.has(sub.referenceId)) invalid(`referenceId ${sub.referenceId} is used twice`);
      if (sub.path.startsWith('/services/')) invalid(`${sub.referenceId}: path is relative to the version root, e.g. /sobjects/Account`);
      chunkOf.set(sub.referenceId, index);
    }
  });
  chunks.forEach((group, index) => {
    for (const sub of group) {
      const text = `${sub.path} ${JSON.stringify(sub.body ?? null)}`;
      for (const [, reference] of text.matchAll(referencePattern)) {
        const target = reference === undefined ? undefined : chunkOf.get(reference);
        if (target !== undefined && target !== index) {
          invalid(`${sub.referenceId} references ${reference}, which falls in another chunk of ${COMPOSITE_MAX_SUBREQUESTS}`);
        }
      }
    }
  });
}

function invalid(message: string): never {
  throw toSalesforceError({ code: 'INVALID_ARGUMENT', message: `composite: ${message}` });
}
