import { z } from 'zod';

/** Connected-app and org policies that differ between orgs; defaults suit local development. */
export const oauthSettingsSchema = z.object({
  /** Orgs created since Summer '23 block the username-password flow by default; the emulator allows it unless told not to. */
  passwordFlowEnabled: z.boolean().default(true),
  /** With rotation on, a refresh returns a new refresh token and the old one stops working. */
  refreshTokenRotation: z.boolean().default(false),
  /** "Require Secret for Refresh Token Flow" (on by default in Salesforce). */
  requireSecretForRefresh: z.boolean().default(true),
  /** "Require Secret for Web Server Flow" (on by default in Salesforce). */
  requireSecretForWebServer: z.boolean().default(true),
  /** Accepted JWT `aud` values besides the emulator's own URL [FLAG docs/salesforce-api.md §1.3]. */
  jwtAudiences: z.array(z.string()).default(['https://login.salesforce.com', 'https://test.salesforce.com']),
  /** How far in the future a JWT `exp` may lie; Salesforce documents 3 minutes, clients send up to 5. */
  jwtMaxLifetimeSeconds: z.number().int().positive().default(300),
  /** Exact callback URLs; empty accepts any loopback URL (http://localhost:*, http://127.0.0.1:*). */
  callbackUrls: z.array(z.string()).default([]),
  /** Scopes the connected app grants when the request names none. */
  defaultScopes: z.string().default('api refresh_token'),
  /** Session timeout mode (docs/salesforce-api.md §1.10). */
  sessionTimeout: z.enum(['inactivity', 'absolute']).default('inactivity'),
});

export type OAuthSettings = z.infer<typeof oauthSettingsSchema>;
export type OAuthSettingsInput = z.input<typeof oauthSettingsSchema>;
