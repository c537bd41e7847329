/**
 * Redaction of credentials from any text that may reach a log line or an error message.
 * Applied by the error factory and the request logger; pino's own `redact` paths back it up
 * for structured fields.
 */

export const REDACTED = '[REDACTED]';

/** Parameter and JSON key names whose values are credentials (OAuth 2.0 and Salesforce token responses). */
const SECRET_KEYS = [
  'access_token',
  'refresh_token',
  'id_token',
  'client_secret',
  'client_assertion',
  'assertion',
  'password',
  'code_verifier',
  'token',
  'signature',
  'sid',
] as const;

const keyAlternation = SECRET_KEYS.join('|');
/** The OAuth authorization `code` is a secret too, but only as a URL or form parameter: `code` is also our error field. */
const parameterAlternation = [...SECRET_KEYS, 'code'].join('|');

const rules: ReadonlyArray<readonly [RegExp, string]> = [
  // PEM private keys of any flavour (PKCS#1, PKCS#8, encrypted).
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, `[REDACTED PRIVATE KEY]`],
  // Authorization header values: "Bearer x", "OAuth x" (legacy Salesforce scheme), "Basic x". Credentials
  // contain a digit somewhere, which keeps prose such as "OAuth flow" intact.
  [/\b(Bearer|OAuth|Basic)\s+(?=[A-Za-z._~+/!=-]*\d)[A-Za-z0-9._~+/!=-]{8,}/gi, `$1 ${REDACTED}`],
  // JSON members: "access_token":"...".
  [new RegExp(`("(?:${keyAlternation})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'), `$1"${REDACTED}"`],
  // Form / query parameters: refresh_token=...&
  [new RegExp(`(^|[?&\\s;,])(${parameterAlternation})=[^&\\s"';,]+`, 'gi'), `$1$2=${REDACTED}`],
  // Salesforce session ids (`00D<org id>!<opaque>`), wherever they appear on their own.
  [/\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]+/g, REDACTED],
];

export function redactText(text: string): string {
  let result = text;
  for (const [pattern, replacement] of rules) result = result.replace(pattern, replacement);
  return result;
}

/** pino `redact.paths` for structured log fields that could carry credentials. */
export const LOG_REDACT_PATHS: readonly string[] = [
  'authorization',
  'headers.authorization',
  '*.authorization',
  '*.headers.authorization',
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  'privateKey',
  '*.privateKey',
  'clientSecret',
  '*.clientSecret',
];
