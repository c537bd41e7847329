import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { CallCounter } from './admin/call-counter.js';
import type { SessionStore } from './auth/session-store.js';
import type { EmulatorClock } from './clock.js';
import { MAX_UPLOAD_BASE64_BYTES } from './bulk/bulk-settings.js';
import type { FaultInjector } from './faults/fault-injector.js';
import { faultResponse } from './faults/fault-responses.js';
import type { FaultKind } from './faults/fault-rule.js';
import { RawBody, type ApiRequest, type ApiResponse, type TopRoute } from './http/api-types.js';
import { parseJsonBody, readBody } from './http/request-body.js';
import { errorResponse, methodNotAllowed, notFoundError } from './http/rest-error.js';
import type { Router } from './http/router.js';
import { writeResponse } from './http/write-response.js';
import type { ApiUsage } from './limits/api-usage.js';
import { DataApi } from './rest/data-api.js';
import { toErrorResponse } from './rest/error-response.js';

/** URI and URI + headers are each limited to 16,384 bytes: 414 and 431 beyond (docs/salesforce-api.md §2.1). */
const MAX_URI_BYTES = 16_384;
const ADMIN_PREFIX = '/__admin/';
const COLLECTIONS_PATH = /^\/services\/data\/v[\d.]+\/composite\/sobjects(\/|$)/;
/** Bulk ingest uploads may be larger than other bodies; the job checks Salesforce's limit itself (docs/salesforce-api.md §6.1). */
const BULK_UPLOAD_PATH = /^\/services\/data\/v[\d.]+\/jobs\/ingest\/[^/]+\/batches\/?$/;

export interface PipelineDeps {
  routes: Router<TopRoute['handler']>;
  dataApi: DataApi;
  faults: FaultInjector;
  callCounts: CallCounter;
  sessions: SessionStore;
  usage: ApiUsage;
  /** The org's clock: it stamps records, and every response's `Date` header tells it, as Salesforce's does. */
  clock: EmulatorClock;
}

/** Node request → ApiRequest → (fault injection) → route → response, with per-route call counting. */
export function createRequestListener(deps: PipelineDeps): RequestListener {
  return (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      console.error('emulator: request failed', error);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  };
}

async function handle(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Node would send its own (the machine's) time; clients that read the server's clock must see the org's.
  res.setHeader('date', new Date(deps.clock.now()).toUTCString());
  const url = new URL(req.url ?? '/', 'http://emulator');
  const override = url.searchParams.get('_HttpMethod');
  const method = req.method === 'POST' && override !== null ? override : (req.method ?? 'GET');
  const path = url.pathname;
  const admin = path.startsWith(ADMIN_PREFIX);
  if (!admin) deps.callCounts.increment(routeKey(deps, method, path));
  const tooLong = uriTooLong(req);
  if (tooLong !== null) {
    await writeResponse(res, tooLong, false);
    return;
  }
  let rawBody: Buffer;
  try {
    rawBody = await readBody(req, BULK_UPLOAD_PATH.test(path) ? MAX_UPLOAD_BASE64_BYTES : undefined);
  } catch (error) {
    await writeResponse(res, toErrorResponse(error), false);
    return;
  }
  let parsed: { value: unknown } | null = null;
  const request: ApiRequest = {
    // HEAD is GET without a body (Node drops the body); handlers only ever see GET.
    method: method === 'HEAD' ? 'GET' : method,
    path,
    query: url.searchParams,
    headers: lowerCaseHeaders(req),
    rawBody,
    json: () => (parsed ??= { value: parseJsonBody(rawBody, req.headers['content-type']) }).value,
  };
  const fault = admin ? null : deps.faults.pick(method, path);
  if (fault !== null) {
    const injected = applyFault(deps, fault, request);
    if (injected !== null) {
      await writeResponse(res, injected, false);
      return;
    }
    if (fault.kind === 'latency') await delay(fault.ms);
  }
  const response = await route(deps, request);
  await writeResponse(res, response, fault?.kind === 'connection-reset');
}

async function route(deps: PipelineDeps, request: ApiRequest): Promise<ApiResponse> {
  if (DataApi.matches(request.path)) return deps.dataApi.handle(request);
  const match = deps.routes.match(request.method, request.path);
  try {
    if (match.kind === 'found') return await match.route.handler(request, match.params);
    if (match.kind === 'method-not-allowed') throw methodNotAllowed(request.method, match.allowed);
    throw notFoundError();
  } catch (error) {
    return toErrorResponse(error);
  }
}

function routeKey(deps: PipelineDeps, method: string, path: string): string {
  if (DataApi.matches(path)) return deps.dataApi.routeKey(method, path);
  const match = deps.routes.match(method, path);
  return `${method} ${match.kind === 'found' ? match.route.template : match.kind === 'method-not-allowed' ? match.template : '/*'}`;
}

/** The response a fault replaces the real one with, after its side effects; null when the request goes on. */
function applyFault(deps: PipelineDeps, fault: FaultKind, request: ApiRequest): ApiResponse | null {
  if (fault.kind === 'invalid-session') {
    const token = /^(?:Bearer|OAuth)\s+(\S+)/i.exec(request.headers['authorization'] ?? '')?.[1];
    if (token !== undefined) deps.sessions.expire(token);
  }
  const response = faultResponse(fault, COLLECTIONS_PATH.test(request.path) ? collectionSize(request) : null);
  if (response === null) return null;
  // A row lock is an application error: the call was made and counted. Edge and session failures are not.
  if (fault.kind === 'unable-to-lock-row') {
    deps.usage.spend(1);
    return { ...response, headers: { 'Sforce-Limit-Info': deps.usage.header() } };
  }
  return response;
}

/** Records in an sObject Collections request (body `records`/`ids`, or the `ids` parameter). */
function collectionSize(request: ApiRequest): number {
  const ids = request.query.get('ids');
  if (ids !== null) return ids.split(',').length;
  try {
    const body = request.json() as { records?: unknown[]; ids?: unknown[] } | undefined;
    return body?.records?.length ?? body?.ids?.length ?? 1;
  } catch {
    return 1;
  }
}

function uriTooLong(req: IncomingMessage): ApiResponse | null {
  const uriBytes = Buffer.byteLength(req.url ?? '');
  if (uriBytes > MAX_URI_BYTES) return { status: 414, body: new RawBody('URI Too Long', 'text/plain') };
  const headerBytes = req.rawHeaders.reduce((sum, part) => sum + Buffer.byteLength(part) + 2, 0);
  if (uriBytes + headerBytes > MAX_URI_BYTES) return errorResponse(431, 'REQUEST_HEADER_FIELDS_TOO_LARGE', 'Request Header Fields Too Large');
  return null;
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

