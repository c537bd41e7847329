import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface ListenOptions {
  host: string;
  port: number;
  tls: { key: string; cert: string } | null;
}

/**
 * Headers may reach 64 KB so that Salesforce's own 16,384-byte URI and header limits (414/431) are applied by
 * the emulator, not cut short by Node's default.
 */
const MAX_HEADER_BYTES = 64 * 1024;

export async function listen(options: ListenOptions, listener: RequestListener): Promise<{ server: Server; port: number }> {
  const server = options.tls === null
    ? createHttpServer({ maxHeaderSize: MAX_HEADER_BYTES }, listener)
    : createHttpsServer({ maxHeaderSize: MAX_HEADER_BYTES, key: options.tls.key, cert: options.tls.cert }, listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}

export async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error))));
  server.closeAllConnections();
  await closed;
}
