import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { Agent, Pool } from 'undici';
import { decodeBody } from './decode-body.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  url: URL;
  headers: Readonly<Record<string, string>>;
  body?: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Decoded body. */
  body: Buffer;
  /** Bytes on the wire (before decompression). */
  bytes: number;
}

export interface TransportOptions {
  timeouts: { connectMs: number; headersMs: number; bodyMs: number };
  maxConnections: number;
  /** Bring your own dispatcher (a proxy agent, or a scripted one in tests); the transport will not close it. */
  dispatcher?: Dispatcher;
}

/** Bottom layer: one HTTP exchange, nothing Salesforce-specific. Network failures are thrown as undici raised them. */
export interface Transport {
  send(request: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

/** How long an idle keep-alive socket is kept when the server sends no Keep-Alive hint. */
const KEEP_ALIVE_MS = 30_000;

export function createTransport(options: TransportOptions): Transport {
  const { timeouts } = options;
  const owned = options.dispatcher === undefined;
  const dispatcher =
    options.dispatcher ??
    new Agent({
      // One keep-alive pool per origin: the login host and the instance host.
      factory: (origin, poolOptions) => new Pool(origin, poolOptions),
      connections: options.maxConnections,
      connect: { timeout: timeouts.connectMs },
      keepAliveTimeout: KEEP_ALIVE_MS,
      headersTimeout: timeouts.headersMs,
      bodyTimeout: timeouts.bodyMs,
    });

  return {
    async send(request) {
      const response = await dispatcher.request({
        origin: request.url.origin,
        path: `${request.url.pathname}${request.url.search}`,
        method: request.method,
        headers: { 'accept-encoding': 'gzip, deflate', ...request.headers },
        body: request.body ?? null,
        signal: request.signal ?? null,
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyMs,
      });
      const raw = Buffer.from(await response.body.arrayBuffer());
      const encoding = response.headers['content-encoding'];
      const body = await decodeBody(raw, Array.isArray(encoding) ? encoding[0] : encoding);
      return { status: response.statusCode, headers: response.headers, body, bytes: raw.length };
    },
    async close() {
      if (owned) await dispatcher.close();
    },
  };
}
