import type { Logger } from 'pino';
import type { AuthFlowName } from '../errors/auth-hints.js';
import type { Exchange } from '../http/exchange.js';
import { oauthUrl } from '../http/api-urls.js';
import { readJson } from '../http/read-json.js';
import type { TransportRetryPolicy } from '../http/transport-retry.js';
import { withTransportRetry } from '../http/transport-retry.js';
import type { Clock } from '../time/clock.js';
import type { TokenResponse } from './access-token.js';
import { tokenResponseSchema } from './access-token.js';

export interface TokenRequest {
  flow: AuthFlowName;
  form: Readonly<Record<string, string>>;
  /**
   * Whether repeating the request is harmless. A refresh-token grant is not: with rotation on, a lost
   * response would leave us holding a refresh token Salesforce already replaced (docs/salesforce-api.md §1.5).
   */
  retrySafe: boolean;
}

export type TokenEndpoint = (request: TokenRequest) => Promise<TokenResponse>;

export interface TokenEndpointDeps {
  loginUrl: string;
  exchange: Exchange;
  retry: TransportRetryPolicy;
  clock: Clock;
  logger: Logger;
}

/** `POST /services/oauth2/token` with a form body (docs/salesforce-api.md §1.1); OAuth errors become AUTH_FAILED with a hint. */
export function createTokenEndpoint(deps: TokenEndpointDeps): TokenEndpoint {
  const url = oauthUrl(deps.loginUrl, 'token');
  return async ({ flow, form, retrySafe }) => {
    const response = await withTransportRetry(
      () =>
        deps.exchange(
          {
            method: 'POST',
            url,
            route: '/services/oauth2/token',
            headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
            body: new URLSearchParams(form).toString(),
          },
          { authFlow: flow },
        ),
      { idempotent: retrySafe, policy: deps.retry, clock: deps.clock, logger: deps.logger },
    );
    return readJson(response.body, tokenResponseSchema, 'token response');
  };
}
