import { once } from 'node:events';
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import { toSalesforceError } from '../errors/to-salesforce-error.js';

export interface LoopbackCallback {
  /** Resolves with the authorization code once the browser comes back with the expected state. */
  code: Promise<string>;
  close(): Promise<void>;
}

/**
 * Listens on the redirect URI's loopback port for the single authorization response
 * (RFC 8252 §7.3). Only loopback interfaces are bound, and a response with the wrong `state` is refused.
 */
export async function listenForCallback(redirectUri: string, state: string, signal: AbortSignal): Promise<LoopbackCallback> {
  const redirect = new URL(redirectUri);
  let settle: { resolve: (code: string) => void; reject: (error: unknown) => void } | undefined;
  const code = new Promise<string>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // The browser may come back while the caller is still busy presenting the URL; it awaits `code` afterwards.
  code.catch(() => undefined);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', redirect);
    if (url.pathname !== redirect.pathname) {
      response.writeHead(404).end();
      return;
    }
    const params = url.searchParams;
    if (params.get('state') !== state) {
      page(response, 400, 'This response does not belong to the login in progress. Start the login again.');
      return;
    }
    const error = params.get('error');
    const received = params.get('code');
    if (error !== null || received === null) {
      page(response, 400, 'Salesforce did not grant access. See the terminal for details.');
      const detail = [error ?? 'no code', params.get('error_description')].filter(Boolean).join(': ');
      settle?.reject(toSalesforceError({ code: 'AUTH_FAILED', message: `authorization was not granted (${detail})` }));
      return;
    }
    page(response, 200, 'Login complete. You can close this window.');
    settle?.resolve(received);
  });
  const onAbort = () => settle?.reject(toSalesforceError({ code: 'ABORTED', message: 'gave up waiting for the browser to come back' }));
  signal.addEventListener('abort', onAbort, { once: true });
  server.listen(Number(redirect.port), redirect.hostname === 'localhost' ? '127.0.0.1' : redirect.hostname.replace(/^\[|\]$/g, ''));
  await once(server, 'listening');
  return {
    code,
    close: async () => {
      signal.removeEventListener('abort', onAbort);
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

function page(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(`<!doctype html><title>sfsync login</title><p>${message}</p>`);
}
