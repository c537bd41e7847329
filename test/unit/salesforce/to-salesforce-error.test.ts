import { errors as undiciErrors } from 'undici';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter, SalesforceError, toSalesforceError } from '../../../salesforce/index.js';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const response = (status: number, body: unknown, headers: Record<string, string> = {}) => ({ response: { status, headers, body } });

describe('toSalesforceError from response bodies', () => {
  it('reads the first entry of a REST error array', () => {
    const error = toSalesforceError(
      response(400, json([{ message: 'Required fields are missing: [Name]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] }])),
      { method: 'POST', path: '/services/data/v62.0/sobjects/Account' },
    );
    expect(error).toBeInstanceOf(SalesforceError);
    expect(error).toMatchObject({
      code: 'REQUIRED_FIELD_MISSING',
      errorCode: 'REQUIRED_FIELD_MISSING',
      status: 400,
      fields: ['Name'],
      retryable: false,
      request: 'POST /services/data/v62.0/sobjects/Account',
    });
    expect(error.message).toBe('POST /services/data/v62.0/sobjects/Account: 400 REQUIRED_FIELD_MISSING: Required fields are missing: [Name]');
  });

  it('keeps every message when the array holds several errors, leading with the first code', () => {
    const error = toSalesforceError(
      response(400, json([
        { message: 'first problem', errorCode: 'INVALID_FIELD', fields: ['A'] },
        { message: 'second problem', errorCode: 'STRING_TOO_LONG', fields: ['B'] },
      ])),
    );
    expect(error.code).toBe('INVALID_FIELD');
    expect(error.message).toContain('first problem; second problem');
    expect(error.fields).toEqual(['A', 'B']);
  });

  it('reads the single-object variant and errors without fields', () => {
    const error = toSalesforceError(response(404, json({ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' })));
    expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404, fields: [], retryable: false });
  });

  it('reads save-result errors, which use statusCode instead of errorCode', () => {
    const error = toSalesforceError(response(400, json([{ statusCode: 'DUPLICATE_VALUE', message: 'duplicate value found', fields: [] }])));
    expect(error).toMatchObject({ code: 'DUPLICATE_VALUE', errorCode: 'DUPLICATE_VALUE' });
  });

  it('maps an unlisted Salesforce errorCode to SALESFORCE_ERROR and keeps the original', () => {
    const error = toSalesforceError(response(400, json([{ message: 'nope', errorCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY' }])));
    expect(error).toMatchObject({ code: 'SALESFORCE_ERROR', errorCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', retryable: false });
  });

  it('gives INVALID_QUERY_LOCATOR its own non-retryable code', () => {
    const error = toSalesforceError(response(400, json([{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }])));
    expect(error).toMatchObject({ code: 'INVALID_QUERY_LOCATOR', retryable: false });
  });

  it('marks 403 REQUEST_LIMIT_EXCEEDED retryable', () => {
    const error = toSalesforceError(response(403, json([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }])));
    expect(error).toMatchObject({ code: 'REQUEST_LIMIT_EXCEEDED', status: 403, retryable: true });
  });

  it('turns an OAuth error object into AUTH_FAILED with what to check for the flow', () => {
    const error = toSalesforceError(response(400, json({ error: 'invalid_grant', error_description: "user hasn't approved this consumer" })), {
      authFlow: 'jwt',
    });
    expect(error).toMatchObject({ code: 'AUTH_FAILED', errorCode: 'invalid_grant', status: 400, retryable: false });
    expect(error.message).toContain("invalid_grant: user hasn't approved this consumer");
    expect(error.message).toContain('pre-authorized');
    expect(error.message).toContain('certificate');
  });

  it.each([
    [-10 * 60_000, '10 minutes ahead of'],
    [+4 * 60_000, '4 minutes behind'],
  ])('names clock skew first when a JWT assertion is refused and the Date header is %i ms from the local clock', (offsetMs, relation) => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    const refused = response(400, json({ error: 'invalid_grant', error_description: 'invalid assertion' }), { date: new Date(now + offsetMs).toUTCString() });
    const error = toSalesforceError(refused, { authFlow: 'jwt', now });
    expect(error).toMatchObject({ code: 'AUTH_FAILED', errorCode: 'invalid_grant' });
    expect(error.message).toContain(`invalid assertion; this machine's clock is ${relation} Salesforce's`);
    expect(error.message).toContain('otherwise check that the user is pre-authorized');
  });

  it('leaves clock skew out when it is small or the flow is not JWT', () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    const body = json({ error: 'invalid_grant', error_description: 'invalid assertion' });
    const close = toSalesforceError(response(400, body, { date: new Date(now - 90_000).toUTCString() }), { authFlow: 'jwt', now });
    const password = toSalesforceError(response(400, body, { date: new Date(now - 600_000).toUTCString() }), { authFlow: 'password', now });
    expect(close.message).not.toMatch(/clock is \d+ minutes/);
    expect(password.message).not.toMatch(/clock/);
  });

  it('tells a web-server user to log in again when the refresh token is gone', () => {
    const error = toSalesforceError(response(400, json({ error: 'invalid_grant', error_description: 'expired access/refresh token' })), {
      authFlow: 'web_server',
    });
    expect(error.message).toContain('npm run login');
  });

  it.each([
    ['invalid_client_id', 'consumer key'],
    ['invalid_client', 'consumer secret'],
    ['unsupported_grant_type', 'flow is enabled'],
  ])('explains OAuth error %s', (oauthError, hint) => {
    const error = toSalesforceError(response(400, json({ error: oauthError, error_description: 'x' })));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toContain(hint);
  });

  it('treats an OAuth rate_limit_exceeded as a budget problem, not bad credentials', () => {
    const error = toSalesforceError(response(400, json({ error: 'rate_limit_exceeded', error_description: 'too many login attempts' })));
    expect(error).toMatchObject({ code: 'REQUEST_LIMIT_EXCEEDED', retryable: true });
  });

  it.each([502, 503, 504])('turns an HTML page from the edge with status %i into a retryable SERVICE_UNAVAILABLE', (status) => {
    const html = `<!DOCTYPE html><html><head><title>Service Unavailable</title><style>body{}</style></head><body><h1>Down for maintenance</h1></body></html>`;
    const error = toSalesforceError(response(status, Buffer.from(html), { 'content-type': 'text/html' }));
    expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status, retryable: true });
    expect(error.message).toBe(`${status}: Service Unavailable`);
  });

  it('strips tags from an HTML body without a title and shortens it', () => {
    const error = toSalesforceError(response(420, Buffer.from(`<div><p>Edge routing ${'problem '.repeat(100)}</p></div>`)));
    expect(error.code).toBe('HTTP_ERROR');
    expect(error.retryable).toBe(true);
    expect(error.message.startsWith('420: Edge routing problem')).toBe(true);
    expect(error.message.length).toBeLessThan(320);
  });

  it('handles an empty body', () => {
    const error = toSalesforceError(response(401, Buffer.alloc(0)));
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 401, retryable: false });
    expect(error.message).toBe('401 with an empty body');
  });

  it('reports a retired API version (410) as API_VERSION_UNSUPPORTED', () => {
    expect(toSalesforceError(response(410, Buffer.alloc(0))).code).toBe('API_VERSION_UNSUPPORTED');
  });

  it('reports an upsert matching several records (300) as MULTIPLE_CHOICES', () => {
    const error = toSalesforceError(response(300, json(['/services/data/v62.0/sobjects/Account/001A', '/services/data/v62.0/sobjects/Account/001B'])));
    expect(error).toMatchObject({ code: 'MULTIPLE_CHOICES', status: 300, retryable: false });
  });

  it('accepts bodies that were already parsed (composite sub-responses)', () => {
    const error = toSalesforceError(response(400, [{ message: 'bad email', errorCode: 'INVALID_EMAIL_ADDRESS', fields: ['Email'] }]));
    expect(error).toMatchObject({ code: 'SALESFORCE_ERROR', errorCode: 'INVALID_EMAIL_ADDRESS', fields: ['Email'] });
  });

  it('exposes Retry-After as retryAfterMs instead of waiting', () => {
    expect(toSalesforceError(response(503, Buffer.alloc(0), { 'retry-after': '120' })).retryAfterMs).toBe(120_000);
  });

  it('keeps the support ErrorId of an UNKNOWN_EXCEPTION as the request id', () => {
    const error = toSalesforceError(
      response(500, json([{ message: 'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-987654321)', errorCode: 'UNKNOWN_EXCEPTION' }])),
    );
    expect(error).toMatchObject({ code: 'UNKNOWN_EXCEPTION', requestId: '1234567890-12345 (-987654321)', retryable: true });
  });

  it('prefers an x-request-id header as the request id', () => {
    const error = toSalesforceError(response(400, json([{ message: 'x', errorCode: 'MALFORMED_ID' }]), { 'x-request-id': 'req-42' }));
    expect(error.requestId).toBe('req-42');
  });

  it('never repeats a token or secret from the body or path in its message', () => {
    const error = toSalesforceError(
      response(400, json([{ message: 'Bearer 00D000000000001!AQ8AQsecret rejected; refresh_token=5Aep861abc', errorCode: 'INVALID_AUTH_HEADER' }])),
      { method: 'GET', path: '/services/oauth2/authorize?code=abc123&state=s' },
    );
    expect(error.message).not.toContain('AQ8AQsecret');
    expect(error.message).not.toContain('5Aep861abc');
    expect(error.message).not.toContain('abc123');
    expect(error.request).toBe('GET /services/oauth2/authorize?code=[REDACTED]&state=s');
  });
});

describe('toSalesforceError from network failures', () => {
  it.each([
    ['a connection reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })],
    ['a socket closed by the other side', new undiciErrors.SocketError('other side closed')],
    ['a code found down the cause chain', new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'EPIPE' }) })],
  ])('maps %s to a retryable NETWORK error', (_name, cause) => {
    const error = toSalesforceError({ cause });
    expect(error).toMatchObject({ code: 'NETWORK', retryable: true });
    expect(error.cause).toBe(cause);
  });

  it.each([
    ['connect', new undiciErrors.ConnectTimeoutError()],
    ['headers', new undiciErrors.HeadersTimeoutError()],
    ['body', new undiciErrors.BodyTimeoutError()],
  ])('maps a %s timeout to a retryable TIMEOUT', (_name, cause) => {
    expect(toSalesforceError({ cause })).toMatchObject({ code: 'TIMEOUT', retryable: true });
  });

  it('maps an abort to a non-retryable ABORTED', () => {
    const cause = new DOMException('This operation was aborted', 'AbortError');
    expect(toSalesforceError({ cause })).toMatchObject({ code: 'ABORTED', retryable: false });
  });

  it('returns a SalesforceError unchanged', () => {
    const original = toSalesforceError({ code: 'TIMEOUT', message: 'x' });
    expect(toSalesforceError({ cause: original })).toBe(original);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it('reads delta-seconds', () => expect(parseRetryAfter('30', now)).toBe(30_000));
  it('reads an HTTP-date', () => expect(parseRetryAfter('Wed, 01 Jan 2025 00:01:00 GMT', now)).toBe(60_000));
  it('ignores garbage', () => expect(parseRetryAfter('soon', now)).toBeUndefined());
});
