import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type { Logger } from 'pino';
import type { Dispatcher } from 'undici';
import type { ConnectionConfig } from '../config/connection-config.js';
import { resolveSecret } from '../config/secret-ref.js';
import { toSalesforceError } from '../errors/to-salesforce-error.js';
import { createExchange } from '../http/exchange.js';
import { createTransport } from '../http/transport.js';
import { systemClock } from '../time/clock.js';
import { ApiUsageTracker } from '../usage/api-usage-tracker.js';
import { listenForCallback } from './loopback-callback.js';
import { authorizeUrl, createPkcePair } from './pkce.js';
import { writeSecretFile } from './secret-file.js';
import { createTokenEndpoint } from './token-endpoint.js';

export interface WebServerLoginOptions {
  /** Shows the authorize URL to the person: print it, open a browser. */
  presentUrl: (url: string) => void | Promise<void>;
  /** How long to wait for the browser to come back. Default 5 minutes. */
  timeoutMs?: number;
  logger?: Logger;
  dispatcher?: Dispatcher;
  env?: NodeJS.ProcessEnv;
}

export interface WebServerLoginResult {
  refreshTokenFile: string;
  instanceUrl: string;
  scope?: string;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/**
 * The Web Server flow with PKCE for a person at a terminal (docs/salesforce-api.md §1.6): show the authorize URL,
 * catch the redirect on the loopback port, exchange the code, and store the refresh token (0600) where
 * the connection config says. The token itself is never printed or logged.
 */
export async function runWebServerLogin(config: ConnectionConfig, options: WebServerLoginOptions): Promise<WebServerLoginResult> {
  const { auth } = config;
  if (auth.flow !== 'web_server') {
    throw toSalesforceError({ code: 'CONFIG_INVALID', message: `connection ${config.name} uses the ${auth.flow} flow; login needs flow: web_server` });
  }
  const logger = options.logger ?? pino({ level: 'silent' });
  const pkce = createPkcePair();
  const state = randomBytes(16).toString('base64url');
  const signal = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const callback = await listenForCallback(auth.redirectUri, state, signal);
  const transport = createTransport({
    timeouts: config.timeouts,
    maxConnections: 1,
    ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
  });
  try {
    const url = authorizeUrl({
      loginUrl: config.loginUrl,
      clientId: auth.clientId,
      redirectUri: auth.redirectUri,
      scopes: auth.scopes,
      state,
      codeChallenge: pkce.challenge,
    });
    await options.presentUrl(url.toString());
    const code = await callback.code;
    const clientSecret = auth.clientSecret === undefined ? undefined : await resolveSecret(auth.clientSecret, options.env);
    const exchange = createExchange({ transport, logger, usage: new ApiUsageTracker(), clock: systemClock });
    const endpoint = createTokenEndpoint({ loginUrl: config.loginUrl, exchange, retry: config.transportRetry, clock: systemClock, logger });
    const response = await endpoint({
      flow: 'web_server',
      form: {
        grant_type: 'authorization_code',
        code,
        client_id: auth.clientId,
        redirect_uri: auth.redirectUri,
        code_verifier: pkce.verifier,
        ...(clientSecret === undefined ? {} : { client_secret: clientSecret }),
      },
      retrySafe: false,
    });
    if (response.refresh_token === undefined) {
      throw toSalesforceError({
        code: 'AUTH_FAILED',
        message: "Salesforce issued no refresh token: add the refresh_token scope to the connected app and to the connection's scopes",
      });
    }
    await writeSecretFile(auth.refreshToken.file, response.refresh_token);
    return {
      refreshTokenFile: auth.refreshToken.file,
      instanceUrl: new URL(response.instance_url).origin,
      ...(response.scope === undefined ? {} : { scope: response.scope }),
    };
  } finally {
    await Promise.all([callback.close(), transport.close()]);
  }
}
