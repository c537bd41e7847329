import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import type { ApiCallEvent, UsageThresholdEvent } from '../../../salesforce/index.js';
import { API_VERSION, captureLogs, CLIENT_SECRET, limitHeader, ORG_ID, testClient } from './fake-salesforce.js';

const limitsPath = `/services/data/${API_VERSION}/limits`;
const createPath = `/services/data/${API_VERSION}/sobjects/Account`;
const edgeHtml = { status: 503, body: '<html><head><title>Service Unavailable</title></head></html>', headers: { 'content-type': 'text/html' } };
const limitsBody = { DailyApiRequests: { Max: 15000, Remaining: 14998, 'Salesforce Mobile Dashboards': { Max: 0, Remaining: 0 } } };

describe('transport retries', () => {
  it('retries a 503 from the edge on a GET and then succeeds, with short backoff', async () => {
    const { client, fake, clock } = testClient();
    fake.on('GET', limitsPath, { status: 200, body: limitsBody });
    fake.times(2, 'GET', limitsPath, edgeHtml);
    await expect(client.limits()).resolves.toEqual({ DailyApiRequests: { max: 15000, remaining: 14998 } });
    expect(fake.requestsTo(limitsPath)).toHaveLength(3);
    expect(clock.sleeps).toHaveLength(2);
    expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(2_000);
  });

  it('gives up after the configured attempts with a retryable SERVICE_UNAVAILABLE', async () => {
    const { client, fake } = testClient();
    fake.on('GET', limitsPath, edgeHtml);
    await expect(client.limits()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503, retryable: true });
    expect(fake.requestsTo(limitsPath)).toHaveLength(3);
  });

  it('never repeats a POST that is not idempotent', async () => {
    const { client, fake } = testClient();
    fake.on('POST', createPath, edgeHtml);
    await expect(client.create('Account', { Name: 'Acme' })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(fake.requestsTo(createPath)).toHaveLength(1);
  });

  it('does not wait for a Retry-After longer than a short retry; it hands the delay to the caller', async () => {
    const { client, fake, clock } = testClient();
    fake.on('GET', limitsPath, { status: 503, body: '', headers: { 'retry-after': '300' } });
    await expect(client.limits()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterMs: 300_000 });
    expect(fake.requestsTo(limitsPath)).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('does not retry REQUEST_LIMIT_EXCEEDED in-process', async () => {
    const { client, fake } = testClient();
    fake.on('GET', limitsPath, { status: 403, body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }] });
    await expect(client.limits()).rejects.toMatchObject({ code: 'REQUEST_LIMIT_EXCEEDED', retryable: true });
    expect(fake.requestsTo(limitsPath)).toHaveLength(1);
  });

  it('asks for gzip and decodes a compressed body', async () => {
    const { client, fake } = testClient();
    fake.on('GET', limitsPath, { status: 200, body: gzipSync(JSON.stringify(limitsBody)), headers: { 'content-encoding': 'gzip', 'content-type': 'application/json' } });
    await expect(client.limits()).resolves.toHaveProperty('DailyApiRequests');
    expect(fake.requestsTo(limitsPath)[0]?.headers['accept-encoding']).toContain('gzip');
  });

  it('rejects a 2xx body that is not the expected JSON as INVALID_RESPONSE', async () => {
    const { client, fake } = testClient();
    fake.on('GET', limitsPath, { status: 200, body: '<html>login page</html>' });
    await expect(client.limits()).rejects.toMatchObject({ code: 'INVALID_RESPONSE', retryable: false });
  });
});

describe('observability', () => {
  it('logs every call with method, path, route, status, duration, bytes and api-usage', async () => {
    const logs = captureLogs();
    const { client, fake } = testClient({ logger: logs.logger });
    fake.on('GET', limitsPath, { status: 200, body: limitsBody, headers: limitHeader(18, 15000) });
    await client.limits();
    const calls = logs.lines().filter((line) => line.msg === 'salesforce call');
    expect(calls.map((line) => line.path)).toEqual(['/services/oauth2/token', '/services/data/', limitsPath]);
    expect(calls[2]).toMatchObject({ method: 'GET', route: '/limits', status: 200, apiUsage: '18/15000', connection: 'test', component: 'salesforce' });
    expect(calls[2]?.bytes).toBeGreaterThan(0);
    expect(typeof calls[2]?.durationMs).toBe('number');
  });

  it('never writes the access token, client secret or Authorization header to the log', async () => {
    const logs = captureLogs();
    const { client, fake } = testClient({ logger: logs.logger });
    fake.on('GET', limitsPath, { status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] });
    await expect(client.limits()).rejects.toThrow();
    const text = logs.text();
    expect(text).toContain('salesforce call failed');
    expect(text).not.toContain('SecretAccessToken');
    expect(text).not.toContain(CLIENT_SECRET);
    expect(text).not.toMatch(/authorization/i);
  });

  it('does not leak the token when the cached token object is logged or serialised', async () => {
    const logs = captureLogs();
    const { client, tokenCache } = testClient({ logger: logs.logger });
    const cached = vi.spyOn(tokenCache, 'get');
    await client.connect();
    const token: unknown = await cached.mock.results[0]?.value;
    expect(token).toMatchObject({ instanceUrl: expect.any(String) });
    expect(JSON.stringify(token)).not.toContain('SecretAccessToken');
    logs.logger.info({ token }, 'token');
    expect(logs.text()).not.toContain('SecretAccessToken');
  });

  it('tracks API usage per org and emits threshold and api-call events', async () => {
    const { client, fake } = testClient({ usageThresholds: [0.5, 0.9] });
    const thresholds: UsageThresholdEvent[] = [];
    const calls: ApiCallEvent[] = [];
    client.usage.on('threshold', (event) => thresholds.push(event));
    client.usage.on('api-call', (event) => calls.push(event));
    let used = 7000;
    fake.on('GET', limitsPath, () => ({ status: 200, body: limitsBody, headers: limitHeader((used += 1000), 10000) }));
    await client.limits();
    await client.limits();
    await client.limits();
    expect(client.usage.latest(ORG_ID)).toEqual({ used: 10000, max: 10000 });
    expect(thresholds.map((event) => event.threshold)).toEqual([0.5, 0.9]);
    expect(calls.filter((call) => call.route === '/limits')).toHaveLength(3);
    expect(calls.at(-1)).toMatchObject({ method: 'GET', route: '/limits', status: 200 });
  });

  it('warns once about a Warning header such as a deprecated API version', async () => {
    const logs = captureLogs();
    const { client, fake } = testClient({ logger: logs.logger });
    fake.on('GET', limitsPath, { status: 200, body: limitsBody, headers: { warning: '299 - "This API version is deprecated"' } });
    await client.limits();
    await client.limits();
    const warnings = logs.lines().filter((line) => line.msg === 'Salesforce sent a Warning header');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.warning).toContain('deprecated');
  });

  it('records usage from error responses too', async () => {
    const { client, fake } = testClient();
    fake.on('GET', limitsPath, { status: 403, body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }], headers: limitHeader(15001, 15000) });
    await expect(client.limits()).rejects.toThrow();
    expect(client.usage.latest(ORG_ID)).toEqual({ used: 15001, max: 15000 });
  });
});
