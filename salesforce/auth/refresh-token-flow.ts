import { access } from 'node:fs/promises';
import type { RefreshTokenAuthConfig, WebServerAuthConfig } from '../config/connection-config.js';
import type { SecretRef } from '../config/secret-ref.js';
import { resolveSecret } from '../config/secret-ref.js';
import { toSalesforceError } from '../errors/to-salesforce-error.js';
import { toAccessToken } from './access-token.js';
import type { CredentialSource } from './credential.js';
import type { FlowDeps } from './flow-deps.js';
import { writeSecretFile } from './secret-file.js';

/**
 * Refresh Token flow (docs/salesforce-api.md §1.5). With Refresh Token Rotation on, Salesforce returns a new refresh
 * token and retires the old one; when the token lives in a file we store the new one there.
 */
export function refreshTokenFlow(auth: RefreshTokenAuthConfig, deps: FlowDeps): CredentialSource {
  return exchangeRefreshToken(auth, deps);
}

/**
 * The Web Server flow at run time: `npm run login` stored a refresh token in a file, and each access
 * token is obtained from it. A missing file means nobody has logged in yet.
 */
export function webServerFlow(auth: WebServerAuthConfig, deps: FlowDeps): CredentialSource {
  const resolve = exchangeRefreshToken(auth, deps);
  return async () => {
    try {
      await access(auth.refreshToken.file);
    } catch {
      throw toSalesforceError({
        code: 'AUTH_FAILED',
        message: `no refresh token at ${auth.refreshToken.file}: run \`npm run login -- --connection <name>\` first`,
      });
    }
    return resolve();
  };
}

function exchangeRefreshToken(auth: RefreshTokenAuthConfig | WebServerAuthConfig, deps: FlowDeps): CredentialSource {
  const refreshTokenRef: SecretRef = auth.refreshToken;
  /**
   * The token we wrote back after a rotation, and the one the chain started from. A rotation of our own
   * keeps the credential's identity (and so its cache key); a token someone else put there does not.
   */
  let rotated: { token: string; origin: string } | undefined;
  return async () => {
    const [refreshToken, clientSecret] = await Promise.all([
      resolveSecret(refreshTokenRef, deps.env),
      auth.clientSecret === undefined ? Promise.resolve(undefined) : resolveSecret(auth.clientSecret, deps.env),
    ]);
    const origin = rotated?.token === refreshToken ? rotated.origin : refreshToken;
    return {
      material: { flow: auth.flow, loginUrl: deps.loginUrl, clientId: auth.clientId, clientSecret, refreshToken: origin },
      fetch: async () => {
        const response = await deps.endpoint({
          flow: auth.flow,
          form: {
            grant_type: 'refresh_token',
            refresh_token: refreshToken,
            client_id: auth.clientId,
            ...(clientSecret === undefined ? {} : { client_secret: clientSecret }),
          },
          retrySafe: false,
        });
        if (response.refresh_token !== undefined && response.refresh_token !== refreshToken) {
          rotated = { token: response.refresh_token, origin };
          await keepRotatedToken(refreshTokenRef, response.refresh_token, deps);
        }
        return toAccessToken(response);
      },
    };
  };
}

async function keepRotatedToken(ref: SecretRef, token: string, deps: FlowDeps): Promise<void> {
  if ('file' in ref) {
    await writeSecretFile(ref.file, token);
    deps.logger.info({ file: ref.file }, 'stored the rotated refresh token');
  } else {
    deps.logger.warn(
      { env: ref.env },
      'Salesforce rotated the refresh token, but it comes from an environment variable and cannot be stored; the next process start will fail until the variable is updated',
    );
  }
}
