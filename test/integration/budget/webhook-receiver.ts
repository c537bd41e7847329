import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedAlert {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface WebhookReceiver {
  /** A path holding a secret, as Slack-style webhook URLs do. */
  url: string;
  received: ReceivedAlert[];
  close(): Promise<void>;
}

/** A real HTTP server on a free loopback port that records every POST and answers with `reply`. */
export async function startWebhookReceiver(reply: (response: ServerResponse) => void = (r) => r.writeHead(204).end()): Promise<WebhookReceiver> {
  const received: ReceivedAlert[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      reply(response);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/T000/B000/secret-token-in-path`,
    received,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
