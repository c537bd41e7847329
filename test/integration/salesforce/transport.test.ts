import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionConfigInput, SalesforceClient } from '../../../salesforce/index.js';
import { connectionConfigSchema, createSalesforceClient, TokenCache } from '../../../salesforce/index.js';
import type { LocalServer } from './local-server.js';
import { sendJson, startLocalServer } from './local-server.js';

const limits = { DailyApiRequests: { Max: 15000, Remaining: 14999 } };

/** Token and version endpoints, then `route` for everything else. */
function salesforceLike(url: () => string, route: (request: IncomingMessage, response: ServerResponse) => void) {
  return (request: IncomingMessage, _body: string, response: ServerResponse) => {
    if (request.url === '/services/oauth2/token') {
      sendJson(response, 200, { access_token: '00D000000000001!AQ8AQtoken1', instance_url: url(), token_type: 'Bearer' });
    } else if (request.url === '/services/data/') {
      sendJson(response, 200, [{ label: "Winter '25", url: '/services/data/v62.0', version: '62.0' }]);
    } else {
      route(request, response);
    }
  };
}

let server: LocalServer | undefined;
let client: SalesforceClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function setup(route: (request: IncomingMessage, response: ServerResponse) => void, overrides: Partial<ConnectionConfigInput> = {}) {
  server = await startLocalServer(salesforceLike(() => server?.url ?? '', route));
  const config = connectionConfigSchema.parse({
    name: 'local',
    loginUrl: server.url,
    apiVersion: 'v62.0',
    auth: { flow: 'client_credentials', clientId: 'c', clientSecret: { env: 'S' } },
    transportRetry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...overrides,
  });
  client = createSalesforceClient(config, { env: { S: 'secret' }, tokenCache: new TokenCache() });
  return { server, client };
}

describe('transport over real sockets', () => {
  it('retries a GET whose connection was reset, then succeeds', async () => {
    let calls = 0;
    const { client } = await setup((request, response) => {
      calls += 1;
      if (calls === 1) request.socket.destroy();
      else sendJson(response, 200, limits);
    });
    await expect(client.limits()).resolves.toEqual({ DailyApiRequests: { max: 15000, remaining: 14999 } });
    expect(calls).toBe(2);
  });

  it('reports a reset POST as a retryable NETWORK error without sending it twice', async () => {
    let calls = 0;
    const { client } = await setup((request) => {
      calls += 1;
      request.socket.destroy();
    });
    await expect(client.create('Account', { Name: 'x' })).rejects.toMatchObject({ code: 'NETWORK', retryable: true });
    expect(calls).toBe(1);
  });

  it('gives up waiting for headers after the configured timeout', async () => {
    const { client } = await setup(() => undefined, { timeouts: { headersMs: 150 }, transportRetry: { maxAttempts: 1 } });
    await expect(client.limits()).rejects.toMatchObject({ code: 'TIMEOUT', retryable: true });
  });

  it('decodes a gzip body', async () => {
    const { client } = await setup((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      response.end(gzipSync(JSON.stringify(limits)));
    });
    await expect(client.limits()).resolves.toHaveProperty('DailyApiRequests');
  });

  it('keeps connections alive across calls', async () => {
    const { client, server } = await setup((_request, response) => sendJson(response, 200, limits));
    for (let i = 0; i < 10; i += 1) await client.limits();
    // 12 requests (token, versions, 10 calls); undici may open a second socket while the first is released.
    expect(server.connections()).toBeLessThanOrEqual(2);
  });

  it('aborts an in-flight request when the caller asks', async () => {
    const { client } = await setup(() => undefined);
    const controller = new AbortController();
    const pending = client.count('SELECT COUNT() FROM Account', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED', retryable: false });
  });

  it('fails fast with NETWORK when nothing listens', async () => {
    const config = connectionConfigSchema.parse({
      name: 'nowhere',
      loginUrl: 'http://127.0.0.1:9',
      apiVersion: 'v62.0',
      auth: { flow: 'client_credentials', clientId: 'c', clientSecret: { env: 'S' } },
      transportRetry: { maxAttempts: 1 },
    });
    client = createSalesforceClient(config, { env: { S: 'secret' }, tokenCache: new TokenCache() });
    await expect(client.connect()).rejects.toMatchObject({ code: 'NETWORK', retryable: true });
  });
});
