import { Writable } from 'node:stream';
import pino from 'pino';
import { MockAgent } from 'undici';
import type { Clock, ConnectionConfig, ConnectionConfigInput, SalesforceClient, SalesforceClientOptions } from '../../../salesforce/index.js';
import { connectionConfigSchema, createSalesforceClient, TokenCache } from '../../../salesforce/index.js';

export const LOGIN_URL = 'https://login.example.com';
export const INSTANCE_URL = 'https://acme.my.salesforce.com';
export const API_VERSION = 'v62.0';
export const ORG_ID = '00D000000000001EAA';
export const CLIENT_SECRET = 'client-secret-value-never-logged';

export interface FakeRequest {
  method: string;
  origin: string;
  url: URL;
  headers: Record<string, string>;
  body: string;
}

export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Responder = FakeReply | ((request: FakeRequest) => FakeReply);

/**
 * A scripted Salesforce behind undici's MockAgent, injected through the client's `dispatcher` option
 * (the same hook a proxy agent would use). Routes registered later win; every request is recorded.
 */
export class FakeSalesforce {
  readonly agent = new MockAgent();
  readonly requests: FakeRequest[] = [];
  readonly #routes: Array<{ method: string; path: string | RegExp; respond: Responder }> = [];
  #tokens = 0;

  /** `loginUrl` lets a test use a real Salesforce login host (for JWT audience rules); nothing leaves the process. */
  constructor(loginUrl = LOGIN_URL) {
    this.agent.disableNetConnect();
    for (const origin of [loginUrl, INSTANCE_URL]) {
      this.agent
        .get(origin)
        .intercept({ path: () => true, method: () => true })
        .reply((options) => this.#dispatch(origin, options))
        .persist();
    }
    this.on('POST', '/services/oauth2/token', () => ({ status: 200, body: this.tokenBody() }));
    this.on('GET', '/services/data/', {
      status: 200,
      body: [
        { label: "Spring '24", url: '/services/data/v60.0', version: '60.0' },
        { label: "Winter '25", url: '/services/data/v62.0', version: '62.0' },
      ],
    });
  }

  /** `path` matches the pathname exactly (string) or the pathname plus query (RegExp). */
  on(method: string, path: string | RegExp, respond: Responder): this {
    this.#routes.unshift({ method, path, respond });
    return this;
  }

  /** Answers the next `times` matching requests, then falls through to older routes. */
  times(count: number, method: string, path: string | RegExp, respond: Responder): this {
    let left = count;
    return this.on(method, path, (request) => {
      left -= 1;
      if (left < 0) throw new FallThrough();
      return typeof respond === 'function' ? respond(request) : respond;
    });
  }

  tokenBody(): Record<string, string> {
    this.#tokens += 1;
    return {
      access_token: `${ORG_ID.slice(0, 15)}!AQ8AQSecretAccessToken${this.#tokens}`,
      instance_url: INSTANCE_URL,
      id: `${LOGIN_URL}/id/${ORG_ID}/005000000000001AAA`,
      token_type: 'Bearer',
      issued_at: '1609942615640',
      signature: 'c2lnbmF0dXJlLXZhbHVl',
    };
  }

  requestsTo(path: string): FakeRequest[] {
    return this.requests.filter((request) => request.url.pathname === path);
  }

  get tokenRequests(): FakeRequest[] {
    return this.requestsTo('/services/oauth2/token');
  }

  #dispatch(origin: string, options: { path: string; method: string; headers?: unknown; body?: unknown }) {
    const request: FakeRequest = {
      method: options.method,
      origin,
      url: new URL(options.path, origin),
      headers: normaliseHeaders(options.headers),
      body: typeof options.body === 'string' ? options.body : '',
    };
    this.requests.push(request);
    for (const route of this.#routes) {
      if (route.method !== request.method) continue;
      const matches =
        typeof route.path === 'string'
          ? route.path === request.url.pathname
          : route.path.test(`${request.url.pathname}${request.url.search}`);
      if (!matches) continue;
      try {
        const reply = typeof route.respond === 'function' ? route.respond(request) : route.respond;
        return toMockReply(reply);
      } catch (error) {
        if (error instanceof FallThrough) continue;
        throw error;
      }
    }
    return toMockReply({ status: 404, body: [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }] });
  }
}

class FallThrough extends Error {}

function toMockReply(reply: FakeReply) {
  const body = reply.body;
  const data = body === undefined ? '' : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const isJson = body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body);
  return {
    statusCode: reply.status,
    data,
    responseOptions: { headers: { ...(isJson ? { 'content-type': 'application/json;charset=UTF-8' } : {}), ...reply.headers } },
  };
}

function normaliseHeaders(headers: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) result[String(headers[i]).toLowerCase()] = String(headers[i + 1]);
  } else if (headers !== null && typeof headers === 'object') {
    for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = String(value);
  }
  return result;
}

/** A clock that never waits: sleeps advance time and are recorded. */
export function manualClock(start = Date.parse('2025-01-01T00:00:00Z')): Clock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: (ms) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

/** Captures pino output as parsed JSON lines (and the raw text, to search for leaks). */
export function captureLogs(): { logger: pino.Logger; lines: () => Record<string, unknown>[]; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  const logger = pino({ level: 'debug' }, stream);
  return {
    logger,
    text: () => text,
    lines: () =>
      text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

export function testConfig(overrides: Partial<ConnectionConfigInput> = {}): ConnectionConfig {
  return connectionConfigSchema.parse({
    name: 'test',
    loginUrl: LOGIN_URL,
    apiVersion: API_VERSION,
    auth: { flow: 'client_credentials', clientId: 'consumer-key', clientSecret: { env: 'SF_CLIENT_SECRET' } },
    ...overrides,
  });
}

export interface TestClient {
  client: SalesforceClient;
  fake: FakeSalesforce;
  clock: ReturnType<typeof manualClock>;
  tokenCache: TokenCache;
}

export function testClient(
  options: { config?: ConnectionConfig; fake?: FakeSalesforce } & Omit<SalesforceClientOptions, 'dispatcher'> = {},
): TestClient {
  const fake = options.fake ?? new FakeSalesforce();
  const clock = manualClock();
  const tokenCache = options.tokenCache ?? new TokenCache();
  const client = createSalesforceClient(options.config ?? testConfig(), {
    clock,
    tokenCache,
    env: { SF_CLIENT_SECRET: CLIENT_SECRET },
    ...options,
    dispatcher: fake.agent,
  });
  return { client, fake, clock, tokenCache };
}

export function limitHeader(used: number, max: number): Record<string, string> {
  return { 'sforce-limit-info': `api-usage=${used}/${max}` };
}
