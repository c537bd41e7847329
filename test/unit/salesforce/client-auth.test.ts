import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { TokenCache } from '../../../salesforce/index.js';
import { API_VERSION, captureLogs, CLIENT_SECRET, FakeSalesforce, INSTANCE_URL, LOGIN_URL, testClient, testConfig } from './fake-salesforce.js';

const describePath = `/services/data/${API_VERSION}/sobjects/Account/describe`;
const describeBody = { name: 'Account', label: 'Account', keyPrefix: '001', custom: false, createable: true, updateable: true, deletable: true, queryable: true, retrieveable: true, replicateable: true, fields: [] };
const sessionExpired = { status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] };

describe('authentication', () => {
  it('makes exactly one token request for 20 concurrent first calls', async () => {
    const { client, fake } = testClient();
    fake.on('GET', describePath, { status: 200, body: describeBody });
    await Promise.all(Array.from({ length: 20 }, () => client.describe('Account')));
    expect(fake.tokenRequests).toHaveLength(1);
    expect(fake.requestsTo('/services/data/')).toHaveLength(1);
    expect(fake.requestsTo(describePath)).toHaveLength(20);
  });

  it('sends the client credentials grant as a form with the resolved secret', async () => {
    const { client, fake } = testClient();
    await client.connect();
    const [request] = fake.tokenRequests;
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      grant_type: 'client_credentials',
      client_id: 'consumer-key',
      client_secret: CLIENT_SECRET,
    });
  });

  it('uses the instance_url of the token for data calls and sends the token as a Bearer header', async () => {
    const { client, fake } = testClient();
    fake.on('GET', describePath, { status: 200, body: describeBody });
    await client.describe('Account');
    const [call] = fake.requestsTo(describePath);
    expect(call?.origin).toBe(INSTANCE_URL);
    expect(call?.headers.authorization).toMatch(/^Bearer 00D000000000001!AQ8AQSecretAccessToken1$/);
  });

  it('refreshes once on 401 INVALID_SESSION_ID and repeats the request once', async () => {
    const { client, fake } = testClient();
    fake.on('GET', describePath, { status: 200, body: describeBody });
    await client.describe('Account');
    fake.times(1, 'GET', describePath, sessionExpired);
    await expect(client.describe('Account')).resolves.toMatchObject({ name: 'Account' });
    expect(fake.tokenRequests).toHaveLength(2);
    const tokens = fake.requestsTo(describePath).map((request) => request.headers.authorization);
    expect(tokens).toEqual([tokens[0], tokens[0], expect.stringMatching(/Token2$/)]);
  });

  it('refreshes exactly once when 20 concurrent calls all hit an expired session', async () => {
    const { client, fake } = testClient();
    await client.connect();
    fake.on('GET', describePath, (request) =>
      request.headers.authorization?.endsWith('Token1') ? sessionExpired : { status: 200, body: describeBody },
    );
    await Promise.all(Array.from({ length: 20 }, () => client.describe('Account')));
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('does not loop when the fresh token is refused too', async () => {
    const { client, fake } = testClient();
    fake.on('GET', describePath, sessionExpired);
    await expect(client.describe('Account')).rejects.toMatchObject({ code: 'INVALID_SESSION_ID', retryable: false });
    expect(fake.requestsTo(describePath)).toHaveLength(2);
  });

  it('turns a refused refresh into a non-retryable AUTH_FAILED that says what to check', async () => {
    const { client, fake } = testClient();
    await client.connect();
    fake.on('GET', describePath, sessionExpired);
    fake.on('POST', '/services/oauth2/token', { status: 400, body: { error: 'invalid_client', error_description: 'invalid client credentials' } });
    await expect(client.describe('Account')).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      errorCode: 'invalid_client',
      retryable: false,
      message: expect.stringContaining('check the consumer secret'),
    });
  });

  it('shares tokens between clients of one connection and credential through one cache, never across connections', async () => {
    const fake = new FakeSalesforce();
    const tokenCache = new TokenCache();
    const first = testClient({ fake, tokenCache });
    const second = testClient({ fake, tokenCache });
    const other = testClient({ fake, tokenCache, config: testConfig({ name: 'other-name' }) });
    await Promise.all([first.client.connect(), second.client.connect()]);
    expect(fake.tokenRequests).toHaveLength(1);
    await other.client.connect();
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('asks for a new token with the new secret once the secret changed, and never sends the old one again', async () => {
    const fake = new FakeSalesforce();
    const env: NodeJS.ProcessEnv = { SF_CLIENT_SECRET: CLIENT_SECRET };
    const { client } = testClient({ fake, env });
    fake.on('GET', describePath, { status: 200, body: describeBody });
    await client.describe('Account');
    env.SF_CLIENT_SECRET = 'rotated-secret';
    await client.describe('Account');
    await client.describe('Account');
    const secrets = fake.tokenRequests.map((request) => new URLSearchParams(request.body).get('client_secret'));
    expect(secrets).toEqual([CLIENT_SECRET, 'rotated-secret']);
  });

  it('fails connect with API_VERSION_UNSUPPORTED when the org does not offer the pinned version', async () => {
    const { client } = testClient({ config: testConfig({ apiVersion: 'v66.0' }) });
    await expect(client.connect()).rejects.toMatchObject({
      code: 'API_VERSION_UNSUPPORTED',
      retryable: false,
      message: expect.stringContaining('offers v60.0 to v62.0'),
    });
  });

  it('signs a JWT bearer assertion with RS256, iss = consumer key, sub = username, aud = login host, exp within 3 minutes', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const config = testConfig({
      loginUrl: 'https://login.salesforce.com',
      auth: { flow: 'jwt', clientId: 'consumer-key', username: 'sync@acme.com', privateKey: { env: 'SF_KEY' } },
    });
    const fake = new FakeSalesforce('https://login.salesforce.com');
    const { client, clock } = testClient({ fake, config, env: { SF_KEY: pem } });
    await client.connect();
    const form = new URLSearchParams(fake.tokenRequests[0]?.body);
    expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const assertion = form.get('assertion') ?? '';
    const { payload, protectedHeader } = await jwtVerify(assertion, publicKey, {
      issuer: 'consumer-key',
      subject: 'sync@acme.com',
      audience: 'https://login.salesforce.com',
      currentDate: new Date(clock.now()),
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.exp).toBe(Math.floor(clock.now() / 1000) + 180);
    expect(decodeJwt(assertion)).not.toHaveProperty('prn');
  });

  it('logs a deprecation warning on every use of the username-password flow', async () => {
    const logs = captureLogs();
    const config = testConfig({
      auth: { flow: 'password', allowDeprecatedPasswordFlow: true, clientId: 'c', clientSecret: { env: 'S' }, username: 'u@acme.com', password: { env: 'P' }, securityToken: { env: 'T' } },
    });
    const { client, fake } = testClient({ config, logger: logs.logger, env: { S: 'secret', P: 'pass', T: 'tok' } });
    fake.on('GET', describePath, (request) => (request.headers.authorization?.endsWith('Token1') ? sessionExpired : { status: 200, body: describeBody }));
    await client.describe('Account');
    expect(new URLSearchParams(fake.tokenRequests[0]?.body).get('password')).toBe('passtok');
    const warnings = logs.lines().filter((line) => String(line.msg).includes('deprecated OAuth username-password flow'));
    expect(warnings).toHaveLength(2);
  });

  it('stores a rotated refresh token in its file with mode 0600', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sf-rt-'));
    const file = join(dir, 'refresh-token');
    await writeFile(file, 'old-refresh-token\n', { mode: 0o644 });
    const config = testConfig({ auth: { flow: 'refresh_token', clientId: 'c', refreshToken: { file } } });
    const { client, fake } = testClient({ config });
    fake.on('POST', '/services/oauth2/token', () => ({ status: 200, body: { ...fake.tokenBody(), refresh_token: 'new-refresh-token' } }));
    await client.connect();
    expect(new URLSearchParams(fake.tokenRequests[0]?.body).get('refresh_token')).toBe('old-refresh-token');
    expect(await readFile(file, 'utf8')).toBe('new-refresh-token\n');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('keeps its token across a rotation it stored itself, and refreshes with the rotated refresh token after a 401', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sf-rt-'));
    const file = join(dir, 'refresh-token');
    await writeFile(file, 'refresh-1\n', { mode: 0o600 });
    const config = testConfig({ auth: { flow: 'refresh_token', clientId: 'c', refreshToken: { file } } });
    const { client, fake } = testClient({ config });
    let issued = 1;
    fake.on('POST', '/services/oauth2/token', () => ({ status: 200, body: { ...fake.tokenBody(), refresh_token: `refresh-${(issued += 1)}` } }));
    fake.on('GET', describePath, { status: 200, body: describeBody });
    await client.describe('Account');
    await client.describe('Account');
    expect(fake.tokenRequests).toHaveLength(1);
    fake.times(1, 'GET', describePath, sessionExpired);
    await client.describe('Account');
    const sent = fake.tokenRequests.map((request) => new URLSearchParams(request.body).get('refresh_token'));
    expect(sent).toEqual(['refresh-1', 'refresh-2']);
  });

  it('asks for `npm run login` when the web server flow has no stored refresh token', async () => {
    const config = testConfig({ auth: { flow: 'web_server', clientId: 'c', refreshToken: { file: '/nonexistent/refresh-token' } } });
    const { client, fake } = testClient({ config });
    await expect(client.connect()).rejects.toMatchObject({ code: 'AUTH_FAILED', message: expect.stringContaining('npm run login') });
    expect(fake.tokenRequests).toHaveLength(0);
  });

  it('keeps calling the login URL for tokens and nothing else', async () => {
    const { client, fake } = testClient();
    await client.connect();
    expect(fake.requests.filter((request) => request.origin === LOGIN_URL).map((request) => request.url.pathname)).toEqual(['/services/oauth2/token']);
  });
});
