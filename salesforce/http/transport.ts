import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline, Transform } from 'node:stream';
import type { Dispatcher } from 'undici';
import { Agent, Pool } from 'undici';
import { decodeBody, decodingStream } from './decode-body.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  url: URL;
  headers: Readonly<Record<string, string>>;
  /** JSON text, or raw bytes such as a Bulk API 2.0 CSV upload. */
  body?: string | Buffer;
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

/** A response whose body is read as it arrives (Bulk API 2.0 result CSVs can be gigabytes). */
export interface HttpStreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Decoded body: read it to the end or destroy it, or the connection stays busy. */
  body: Readable;
  /** Bytes on the wire (before decompression) read so far. */
  bytes(): number;
}

/** Bottom layer: one HTTP exchange, nothing Salesforce-specific. Network failures are thrown as undici raised them. */
export interface Transport {
  send(request: HttpRequest): Promise<HttpResponse>;
  /** Like `send`, but hands the body over as a stream once the headers are in. */
  open(request: HttpRequest): Promise<HttpStreamResponse>;
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

  function dispatch(request: HttpRequest, acceptEncoding: string): Promise<Dispatcher.ResponseData> {
    return dispatcher.request({
      origin: request.url.origin,
      path: `${request.url.pathname}${request.url.search}`,
      method: request.method,
      headers: { 'accept-encoding': acceptEncoding, ...request.headers },
      body: request.body ?? null,
      signal: request.signal ?? null,
      headersTimeout: timeouts.headersMs,
      bodyTimeout: timeouts.bodyMs,
    });
  }

  return {
    async send(request) {
      const response = await dispatch(request, 'gzip, deflate');
      const raw = Buffer.from(await response.body.arrayBuffer());
      const body = await decodeBody(raw, contentEncoding(response.headers));
      return { status: response.statusCode, headers: response.headers, body, bytes: raw.length };
    },
    async open(request) {
      // gzip only: unlike deflate it has a single framing, so it can be decoded as it streams.
      const response = await dispatch(request, 'gzip');
      let bytes = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done(null, chunk);
        },
      });
      let decoder: Transform | undefined;
      try {
        decoder = decodingStream(contentEncoding(response.headers));
      } catch (error) {
        response.body.destroy();
        throw error;
      }
      // pipeline() destroys every stage when one fails or the reader destroys the last, which frees the socket;
      // failures reach the reader through the last stage, so the callback has nothing left to do.
      const settled = () => undefined;
      const body = decoder === undefined ? pipeline(response.body, counter, settled) : pipeline(response.body, counter, decoder, settled);
      return { status: response.statusCode, headers: response.headers, body, bytes: () => bytes };
    },
    async close() {
      if (owned) await dispatcher.close();
    },
  };
}

function contentEncoding(headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined {
  const encoding = headers['content-encoding'];
  return Array.isArray(encoding) ? encoding[0] : encoding;
}
