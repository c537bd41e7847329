import { inspect } from 'node:util';
import { z } from 'zod';

/**
 * The token endpoint's success body (docs/salesforce-api.md §1.2). There is no `expires_in`: Salesforce signals
 * expiry only with 401 INVALID_SESSION_ID, so tokens are cached until that happens.
 */
export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  instance_url: z.url(),
  id: z.url().optional(),
  token_type: z.string().optional(),
  issued_at: z.string().optional(),
  scope: z.string().optional(),
  refresh_token: z.string().min(1).optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export interface AccessToken {
  readonly accessToken: string;
  /** Origin every data call goes to. */
  readonly instanceUrl: string;
  /** 18-char org id from the identity URL, when Salesforce sent one. */
  readonly orgId?: string;
  readonly scope?: string;
}

/** `https://login.salesforce.com/id/<orgId18>/<userId18>` (docs/salesforce-api.md §1.2). */
const identityUrlPattern = /\/id\/([A-Za-z0-9]{15,18})\/[A-Za-z0-9]{15,18}\/?$/;

/** Builds the cached token; it prints as redacted if it is ever logged or inspected. */
export function toAccessToken(response: TokenResponse): AccessToken {
  const orgId = response.id === undefined ? undefined : identityUrlPattern.exec(response.id)?.[1];
  const visible = {
    instanceUrl: new URL(response.instance_url).origin,
    ...(orgId === undefined ? {} : { orgId }),
    ...(response.scope === undefined ? {} : { scope: response.scope }),
  };
  const token = { ...visible, accessToken: response.access_token };
  Object.defineProperties(token, {
    toJSON: { value: () => ({ ...visible, accessToken: '[REDACTED]' }) },
    [inspect.custom]: { value: () => ({ ...visible, accessToken: '[REDACTED]' }) },
  });
  return Object.freeze(token);
}
