import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { request } from 'undici';

export interface MetricsServerOptions {
  host: string;
  /** 0 picks a free port; `url` tells which. */
  port: number;
  registry: Registry;
  /**
   * Temporal Core's own Prometheus endpoint (the Runtime's `telemetryOptions.metrics.prometheus.bindAddress`),
   * appended to every scrape so one target carries both.
   */
  coreMetricsUrl?: string | undefined;
  /** How long a scrape waits for Core's endpoint before serving ours alone; default 2 s. */
  coreTimeoutMs?: number;
  logger?: Logger | undefined;
}

export interface MetricsServer {
  /** `http://host:port/metrics` */
  url: string;
  close(): Promise<void>;
}

const DEFAULT_CORE_TIMEOUT_MS = 2_000;

/** Serves `GET /metrics` in the Prometheus text format: the registry's metrics, then Temporal Core's. */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const coreTimeoutMs = options.coreTimeoutMs ?? DEFAULT_CORE_TIMEOUT_MS;

  async function coreMetrics(url: string): Promise<string> {
    try {
      // Core's exporter closes idle connections, so a pooled keep-alive socket could be dead: one connection per scrape.
      const response = await request(url, { reset: true, signal: AbortSignal.timeout(coreTimeoutMs) });
      const text = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
      return text;
    } catch (error) {
      options.logger?.warn({ err: error, coreMetricsUrl: url }, 'metrics: Temporal Core metrics unavailable; serving sfsync metrics only');
      return '';
    }
  }

  async function scrape(response: ServerResponse): Promise<void> {
    const [ours, core] = await Promise.all([
      options.registry.metrics(),
      options.coreMetricsUrl === undefined ? '' : coreMetrics(options.coreMetricsUrl),
    ]);
    const body = core === '' ? ours : `${ours.endsWith('\n') ? ours : `${ours}\n`}${core}`;
    response.writeHead(200, { 'content-type': options.registry.contentType });
    response.end(body);
  }

  const server = createServer((req, response) => {
    const path = new URL(req.url ?? '/', 'http://metrics').pathname;
    if (path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: metrics are at /metrics\n');
      return;
    }
    if (req.method !== 'GET') {
      response.writeHead(405, { allow: 'GET', 'content-type': 'text/plain' }).end('Method not allowed\n');
      return;
    }
    scrape(response).catch((error: unknown) => {
      options.logger?.error({ err: error }, 'metrics: scrape failed');
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('scrape failed\n');
    });
  });
  server.listen(options.port, options.host);
  await once(server, 'listening');
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}/metrics`,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
