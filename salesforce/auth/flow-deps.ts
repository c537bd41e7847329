import type { Logger } from 'pino';
import type { Clock } from '../time/clock.js';
import type { TokenEndpoint } from './token-endpoint.js';

/** What every OAuth flow needs to turn configuration into an access token. */
export interface FlowDeps {
  endpoint: TokenEndpoint;
  loginUrl: string;
  clock: Clock;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
}
