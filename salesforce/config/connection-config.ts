import { z } from 'zod';
import { secretRefSchema } from './secret-ref.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An origin such as https://login.salesforce.com. Plain http only for loopback hosts (the local emulator). */
const originSchema = z
  .url()
  .transform((value) => new URL(value))
  .refine((url) => url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)), {
    message: 'must be https (http is allowed only for localhost)',
  })
  .transform((url) => url.origin);

/** Salesforce API versions are written `vNN.N` everywhere in URLs (docs/salesforce-api.md §2.1). */
export const apiVersionSchema = z.string().regex(/^v\d{2,3}\.\d$/, "an API version such as 'v62.0'");

const clientId = z.string().min(1);
const username = z.string().min(1);

const jwtAuthSchema = z.strictObject({
  flow: z.literal('jwt'),
  clientId,
  username,
  privateKey: secretRefSchema,
  /** JWT `aud`. Defaults from loginUrl: see jwtAudience() in auth/jwt-bearer-flow.ts. */
  audience: z.url().optional(),
});

const clientCredentialsAuthSchema = z.strictObject({
  flow: z.literal('client_credentials'),
  clientId,
  clientSecret: secretRefSchema,
});

const refreshTokenAuthSchema = z.strictObject({
  flow: z.literal('refresh_token'),
  clientId,
  clientSecret: secretRefSchema.optional(),
  refreshToken: secretRefSchema,
});

const webServerAuthSchema = z.strictObject({
  flow: z.literal('web_server'),
  clientId,
  clientSecret: secretRefSchema.optional(),
  /** Where `npm run login` stores the refresh token (mode 0600) and where the client reads it. */
  refreshToken: z.strictObject({ file: z.string().min(1) }),
  redirectUri: z
    .url()
    .refine((value) => {
      const url = new URL(value);
      return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) && url.port !== '';
    }, 'must be an http loopback URL with an explicit port, e.g. http://localhost:1717/oauth/callback')
    .default('http://localhost:1717/oauth/callback'),
  scopes: z.array(z.string().min(1)).min(1).default(['api', 'refresh_token']),
});

const passwordAuthSchema = z.strictObject({
  flow: z.literal('password'),
  allowDeprecatedPasswordFlow: z.literal(true, {
    error: 'the username-password flow is deprecated and blocked in new orgs; set allowDeprecatedPasswordFlow: true to use it anyway',
  }),
  clientId,
  clientSecret: secretRefSchema,
  username,
  password: secretRefSchema,
  /** Appended to the password when the caller's IP is not trusted by the org (docs/salesforce-api.md §1.7). */
  securityToken: secretRefSchema.optional(),
});

export const authConfigSchema = z.discriminatedUnion('flow', [
  jwtAuthSchema,
  clientCredentialsAuthSchema,
  refreshTokenAuthSchema,
  webServerAuthSchema,
  passwordAuthSchema,
]);

const timeoutsSchema = z.strictObject({
  connectMs: z.int().positive().default(10_000),
  // A query may take about 2 minutes before it starts returning rows (docs/salesforce-api.md §4.3: SOQL timeouts).
  headersMs: z.int().positive().default(150_000),
  bodyMs: z.int().positive().default(120_000),
});

/** Short in-process retries of idempotent requests; anything longer is the caller's (Temporal's) job. */
const transportRetrySchema = z.strictObject({
  maxAttempts: z.int().min(1).max(10).default(3),
  baseDelayMs: z.int().nonnegative().default(250),
  maxDelayMs: z.int().nonnegative().default(2_000),
});

export const connectionConfigSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, dot, dash and underscore'),
  loginUrl: originSchema,
  /** Overrides the instance_url of the token response; normally left out. */
  instanceUrl: originSchema.optional(),
  apiVersion: apiVersionSchema,
  auth: authConfigSchema,
  timeouts: timeoutsSchema.prefault({}),
  transportRetry: transportRetrySchema.prefault({}),
  maxConnections: z.int().min(1).max(256).default(10),
});

export type ConnectionConfig = z.infer<typeof connectionConfigSchema>;
export type ConnectionConfigInput = z.input<typeof connectionConfigSchema>;
export type AuthConfig = z.infer<typeof authConfigSchema>;
export type JwtAuthConfig = z.infer<typeof jwtAuthSchema>;
export type ClientCredentialsAuthConfig = z.infer<typeof clientCredentialsAuthSchema>;
export type RefreshTokenAuthConfig = z.infer<typeof refreshTokenAuthSchema>;
export type WebServerAuthConfig = z.infer<typeof webServerAuthSchema>;
export type PasswordAuthConfig = z.infer<typeof passwordAuthSchema>;
