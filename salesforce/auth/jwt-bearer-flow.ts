import { createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import type { JwtAuthConfig } from '../config/connection-config.js';
import { describeSecretRef, resolveSecret } from '../config/secret-ref.js';
import { toSalesforceError } from '../errors/to-salesforce-error.js';
import { toAccessToken } from './access-token.js';
import type { CredentialSource } from './credential.js';
import type { FlowDeps } from './flow-deps.js';

/** Salesforce rejects assertions whose `exp` is more than 3 minutes away (docs/salesforce-api.md §1.3). */
const ASSERTION_LIFETIME_SECONDS = 180;

/**
 * The `aud` claim: login or test host for Salesforce logins, including My Domain token endpoints
 * (docs/salesforce-api.md §1.3 [FLAG]); any other host (an Experience Cloud site, the local emulator) is its own audience.
 */
export function jwtAudience(loginUrl: string): string {
  const host = new URL(loginUrl).hostname;
  if (host === 'test.salesforce.com' || host.endsWith('.sandbox.my.salesforce.com')) return 'https://test.salesforce.com';
  if (host === 'login.salesforce.com' || host.endsWith('.my.salesforce.com')) return 'https://login.salesforce.com';
  return new URL(loginUrl).origin;
}

/** JWT Bearer flow: an RS256 assertion signed with the connected app's private key (docs/salesforce-api.md §1.3). */
export function jwtBearerFlow(auth: JwtAuthConfig, deps: FlowDeps): CredentialSource {
  const audience = auth.audience ?? jwtAudience(deps.loginUrl);
  return async () => {
    const pem = await resolveSecret(auth.privateKey, deps.env);
    return {
      material: { flow: auth.flow, loginUrl: deps.loginUrl, clientId: auth.clientId, username: auth.username, audience, privateKey: pem },
      fetch: async () => {
        const nowSeconds = Math.floor(deps.clock.now() / 1000);
        const assertion = await new SignJWT({})
          .setProtectedHeader({ alg: 'RS256' })
          .setIssuer(auth.clientId)
          .setSubject(auth.username)
          .setAudience(audience)
          .setExpirationTime(nowSeconds + ASSERTION_LIFETIME_SECONDS)
          .sign(readPrivateKey(pem, auth));
        const response = await deps.endpoint({
          flow: 'jwt',
          form: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion },
          retrySafe: true,
        });
        return toAccessToken(response);
      },
    };
  };
}

function readPrivateKey(pem: string, auth: JwtAuthConfig): KeyObject {
  try {
    // createPrivateKey reads PKCS#8 and PKCS#1 (RSA-only) PEM keys alike.
    return createPrivateKey(pem);
  } catch (cause) {
    throw toSalesforceError({
      code: 'CONFIG_INVALID',
      message: `the private key in ${describeSecretRef(auth.privateKey)} is not a readable PEM private key`,
      cause,
    });
  }
}
