import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';
import type { Logger } from 'pino';
import type { ConnectionConfig, SalesforceClient } from '../../../../salesforce/index.js';
import { connectionConfigSchema, createSalesforceClient, TokenCache } from '../../../../salesforce/index.js';
import { manualClock } from '../fake-salesforce.js';
import type { FakeIngestJob, IngestScript } from './fake-ingest-jobs.js';
import { handleIngest } from './fake-ingest-jobs.js';
import type { FakeQueryJob, QueryScript } from './fake-query-jobs.js';
import { handleQuery } from './fake-query-jobs.js';
import type { FakeReply } from './fake-routes.js';
import { notFound } from './fake-routes.js';

export const API_VERSION = 'v62.0';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * A Salesforce org on a real loopback port (port 0) that speaks Bulk API 2.0 as docs/salesforce-api.md §6 describes it:
 * JSON job infos with numeric apiVersion, CSV uploads by PUT, results with Sforce-Locator and
 * Sforce-NumberOfRecords, every query value quoted and null as "". Scripts decide how each job behaves.
 */
export class FakeBulkOrg {
  readonly requests: RecordedRequest[] = [];
  readonly queryJobs = new Map<string, FakeQueryJob>();
  readonly ingestJobs = new Map<string, FakeIngestJob>();
  query: QueryScript = { columns: [], rows: [], inProgressPolls: 0 };
  ingest: IngestScript = { inProgressPolls: 0, outcome: () => ({}) };
  /** Rows per result page when the request names no maxRecords. */
  pageSize = 1000;
  gzip = false;
  tokensIssued = 0;
  readonly #validTokens = new Set<string>();
  readonly #faults: Array<{ method: string; path: RegExp; status: number; left: number }> = [];
  #nextId = 0;
  #server: Server | undefined;
  url = '';

  static async start(): Promise<FakeBulkOrg> {
    const org = new FakeBulkOrg();
    org.#server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => org.#respond(request, Buffer.concat(chunks).toString('utf8'), response));
    });
    org.#server.listen(0, '127.0.0.1');
    await once(org.#server, 'listening');
    org.url = `http://127.0.0.1:${(org.#server.address() as AddressInfo).port}`;
    return org;
  }

  /** The next `times` requests matching `method` and `path` get `status` with an HTML page, as from the edge. */
  fail(method: string, path: RegExp, status: number, times: number): void {
    this.#faults.push({ method, path, status, left: times });
  }

  /** The next call with a token issued so far gets 401 INVALID_SESSION_ID. */
  expireTokens(): void {
    this.#validTokens.clear();
  }

  /** An 18-character id with Salesforce's key prefix. */
  newId(prefix: string): string {
    this.#nextId += 1;
    return `${prefix}${String(this.#nextId).padStart(12, '0')}AAA`;
  }

  requestsTo(pattern: RegExp, method = 'GET'): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && pattern.test(request.path));
  }

  async close(): Promise<void> {
    this.#server?.closeAllConnections();
    this.#server?.close();
    if (this.#server !== undefined) await once(this.#server, 'close');
  }

  #respond(request: IncomingMessage, body: string, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', this.url);
    this.requests.push({ method: request.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: request.headers, body });
    const reply = this.#fault(request.method ?? 'GET', url.pathname) ?? this.#route(request, url, body);
    const gzip = this.gzip && reply.text !== undefined && /gzip/.test(String(request.headers['accept-encoding']));
    response.writeHead(reply.status, {
      'sforce-limit-info': 'api-usage=10/15000',
      ...(reply.json === undefined ? {} : { 'content-type': 'application/json;charset=UTF-8' }),
      ...(reply.text === undefined ? {} : { 'content-type': 'text/csv' }),
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      ...reply.headers,
    });
    if (reply.text === undefined) {
      response.end(reply.json === undefined ? '' : JSON.stringify(reply.json));
      return;
    }
    const sink = gzip ? createGzip() : response;
    if (gzip) sink.pipe(response);
    if (reply.cutAfter !== undefined) {
      // Headers and the first part of the body reach the client before the connection drops.
      response.write(reply.text.slice(0, reply.cutAfter), () => response.socket?.destroy());
      return;
    }
    // Small writes, so rows and even quoted values arrive split across chunks.
    for (let at = 0; at < reply.text.length; at += 97) sink.write(reply.text.slice(at, at + 97));
    sink.end();
  }

  #route(request: IncomingMessage, url: URL, body: string): FakeReply {
    if (url.pathname === '/services/oauth2/token') return this.#token();
    if (url.pathname === '/services/data/') {
      return { status: 200, json: ['61.0', '62.0'].map((version) => ({ label: 'x', url: `/services/data/v${version}`, version })) };
    }
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (token === undefined || !this.#validTokens.has(token)) {
      return { status: 401, json: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] };
    }
    const match = /^\/services\/data\/v(\d+\.\d)\/jobs\/(query|ingest)(?:\/(\w+))?(?:\/(\w+)\/?)?$/.exec(url.pathname);
    if (match === null) return notFound();
    const [, version = '', kind, id, sub] = match;
    const call = { method: request.method ?? 'GET', apiVersion: Number(version), id, sub, url, body };
    return (kind === 'query' ? handleQuery(call, this) : handleIngest(call, this)) ?? notFound();
  }

  #fault(method: string, path: string): FakeReply | undefined {
    const fault = this.#faults.find((candidate) => candidate.left > 0 && candidate.method === method && candidate.path.test(path));
    if (fault === undefined) return undefined;
    fault.left -= 1;
    return { status: fault.status, headers: { 'content-type': 'text/html' }, text: '<html><head><title>Service Unavailable</title></head></html>' };
  }

  #token(): FakeReply {
    this.tokensIssued += 1;
    const accessToken = `00D000000000001!AQfakeToken${this.tokensIssued}`;
    this.#validTokens.add(accessToken);
    return {
      status: 200,
      json: { access_token: accessToken, instance_url: this.url, id: `${this.url}/id/00D000000000001EAA/005000000000001AAA`, token_type: 'Bearer', issued_at: '1700000000000' },
    };
  }
}

export interface TestBulkClient {
  client: SalesforceClient;
  clock: ReturnType<typeof manualClock>;
}

/** A client of the fake org; its clock never waits, so polls and retries take no real time. */
export function bulkClient(org: FakeBulkOrg, apiVersion = API_VERSION, logger?: Logger): TestBulkClient {
  const config: ConnectionConfig = connectionConfigSchema.parse({
    name: 'bulk-test',
    loginUrl: org.url,
    apiVersion,
    auth: { flow: 'client_credentials', clientId: 'consumer-key', clientSecret: { env: 'SF_CLIENT_SECRET' } },
    transportRetry: { baseDelayMs: 1, maxDelayMs: 10 },
  });
  const clock = manualClock();
  const client = createSalesforceClient(config, {
    clock,
    tokenCache: new TokenCache(),
    env: { SF_CLIENT_SECRET: 'secret' },
    ...(logger === undefined ? {} : { logger }),
  });
  return { client, clock };
}
