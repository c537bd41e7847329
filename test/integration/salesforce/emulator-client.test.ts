import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../emulator/index.js';
import type { ApiCallEvent, CompositeSubrequest, SalesforceClient, UsageThresholdEvent } from '../../../salesforce/index.js';
import { connectionConfigSchema, createSalesforceClient, runSmokeTest, runWebServerLogin, soql, TokenCache } from '../../../salesforce/index.js';
import type { EmulatorCredentials } from './emulator-connections.js';
import { emulatorConfig, emulatorEnv } from './emulator-connections.js';
import { freePort } from './local-server.js';

const ACCOUNTS = 5000;

let emu: Awaited<ReturnType<typeof startEmulator>>;
let credentials: EmulatorCredentials;
const clients: SalesforceClient[] = [];

beforeAll(async () => {
  emu = await startEmulator({ seed: `Account=${ACCOUNTS}` });
  credentials = emu.credentials;
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await emu.close();
});

function clientFor(flow: Parameters<typeof emulatorConfig>[1], options: { usageThresholds?: number[]; overrides?: Record<string, unknown> } = {}) {
  const client = createSalesforceClient(emulatorConfig(credentials, flow, options.overrides), {
    env: emulatorEnv(credentials),
    tokenCache: new TokenCache(),
    ...(options.usageThresholds ? { usageThresholds: options.usageThresholds } : {}),
  });
  clients.push(client);
  return client;
}

function tokenCalls(client: SalesforceClient): ApiCallEvent[] {
  const calls: ApiCallEvent[] = [];
  client.usage.on('api-call', (call) => {
    if (call.route === '/services/oauth2/token') calls.push(call);
  });
  return calls;
}

describe('OAuth flows against the emulator', () => {
  it.each(['jwt', 'client_credentials', 'refresh_token', 'password'] as const)('authenticates with the %s flow and describes Account', async (flow) => {
    const client = clientFor(flow);
    await client.connect();
    const describe = await client.describe('Account');
    expect(describe.name).toBe('Account');
    expect(describe.fields.map((field) => field.name)).toEqual(expect.arrayContaining(['Id', 'Name', 'SystemModstamp']));
  });

  it('runs the web server flow with PKCE through the loopback port and then authenticates from the stored token', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sf-emu-login-'));
    const file = join(dir, 'refresh-token');
    const redirectUri = `http://localhost:${await freePort()}/oauth/callback`;
    const config = connectionConfigSchema.parse({
      name: 'emulator-web',
      loginUrl: credentials.loginUrl,
      apiVersion: emulatorConfig(credentials, 'jwt').apiVersion,
      auth: { flow: 'web_server', clientId: credentials.clientId, clientSecret: { env: 'EMU_CLIENT_SECRET' }, refreshToken: { file }, redirectUri },
    });
    await runWebServerLogin(config, {
      env: emulatorEnv(credentials),
      presentUrl: async (url) => {
        const authorize = await request(url);
        await authorize.body.dump();
        const callback = await request(String(authorize.headers.location));
        await callback.body.dump();
      },
    });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).not.toBe('');
    const client = createSalesforceClient(config, { env: emulatorEnv(credentials), tokenCache: new TokenCache() });
    clients.push(client);
    await expect(client.describe('Account')).resolves.toMatchObject({ name: 'Account' });
  });

  it('reports wrong credentials as a non-retryable AUTH_FAILED', async () => {
    const client = createSalesforceClient(emulatorConfig(credentials, 'client_credentials'), {
      env: { EMU_CLIENT_SECRET: 'wrong' },
      tokenCache: new TokenCache(),
    });
    clients.push(client);
    await expect(client.connect()).rejects.toMatchObject({ code: 'AUTH_FAILED', retryable: false });
  });

  it('refuses an API version the org does not offer', async () => {
    const client = clientFor('jwt', { overrides: { apiVersion: 'v20.0' } });
    await expect(client.connect()).rejects.toMatchObject({ code: 'API_VERSION_UNSUPPORTED', retryable: false });
  });

  it('passes the smoke test', async () => {
    const report = await runSmokeTest(clientFor('jwt'));
    expect(report.ok).toBe(true);
    expect(report.steps.at(-1)?.detail).toMatch(/^\d+ fields$/);
    expect(report.usage?.max).toBeGreaterThan(0);
  });
});

describe('queries against the emulator', () => {
  it('pages through every record, with the page size asked for', async () => {
    const client = clientFor('jwt');
    const soql = 'SELECT Id, Name, SystemModstamp FROM Account ORDER BY SystemModstamp, Id';
    await expect(client.count('SELECT COUNT() FROM Account')).resolves.toBe(ACCOUNTS);
    let pages = 0;
    const ids = new Set<string>();
    for await (const page of client.queryPages(soql, { batchSize: 1000 })) {
      pages += 1;
      expect(page.totalSize).toBe(ACCOUNTS);
      for (const record of page.records) ids.add(String(record.Id));
    }
    expect(pages).toBe(ACCOUNTS / 1000);
    expect(ids.size).toBe(ACCOUNTS);
  });

  it('refreshes an expired token in the middle of an iteration and carries on', async () => {
    const client = clientFor('jwt');
    const tokens = tokenCalls(client);
    let seen = 0;
    let expired = false;
    for await (const record of client.query('SELECT Id FROM Account', { batchSize: 500 })) {
      seen += 1;
      if (record.Id !== undefined && seen === 700 && !expired) {
        expired = true;
        await emu.admin.expireTokens();
      }
    }
    expect(seen).toBe(ACCOUNTS);
    expect(tokens).toHaveLength(2);
  });

  it('sees deleted records through queryAll only', async () => {
    const client = clientFor('jwt');
    const { id } = await client.create('Account', { Name: 'To be deleted' });
    await client.delete('Account', id);
    await expect(client.count(soql`SELECT COUNT() FROM Account WHERE Id = ${id}`)).resolves.toBe(0);
    await expect(client.count(soql`SELECT COUNT() FROM Account WHERE Id = ${id}`, { all: true })).resolves.toBe(1);
  });
});

describe('writes against the emulator', () => {
  it('chunks composite requests and reports partial failures in input order', async () => {
    const client = clientFor('jwt');
    const subrequests: CompositeSubrequest[] = Array.from({ length: 30 }, (_, i) => ({
      method: 'POST',
      path: '/sobjects/Account',
      referenceId: `acct${i}`,
      body: i === 27 ? { Description: 'no name' } : { Name: `Composite ${i}` },
    }));
    const results = await client.composite(subrequests);
    expect(results.map((result) => result.referenceId)).toEqual(subrequests.map((sub) => sub.referenceId));
    expect(results.filter((result) => result.status === 201)).toHaveLength(29);
    expect(results[27]).toMatchObject({ status: 400, error: { code: 'REQUIRED_FIELD_MISSING' } });
  });

  it('chunks collection writes at 200 and returns per-record results, failures included', async () => {
    const client = clientFor('jwt');
    const records = Array.from({ length: 450 }, (_, i) => (i % 100 === 7 ? { Description: 'no name' } : { Name: `Bulk ${i}` }));
    const created = await client.collections.create('Account', records);
    expect(created).toHaveLength(450);
    created.forEach((result, i) => {
      if (i % 100 === 7) expect(result).toMatchObject({ success: false, errors: [expect.objectContaining({ statusCode: 'REQUIRED_FIELD_MISSING' })] });
      else expect(result).toMatchObject({ success: true, id: expect.any(String) });
    });
    const ids = created.flatMap((result) => (result.success && result.id ? [result.id] : []));
    const updated = await client.collections.update('Account', ids.map((Id, i) => ({ Id, Name: `Renamed ${i}` })));
    expect(updated.every((result) => result.success)).toBe(true);
    const retrieved = await client.collections.retrieve('Account', ids.slice(0, 3), ['Id', 'Name']);
    expect(retrieved.map((record) => record?.Name)).toEqual(['Renamed 0', 'Renamed 1', 'Renamed 2']);
    const deleted = await client.collections.delete([...ids, '001000000000000AAA']);
    expect(deleted.slice(0, -1).every((result) => result.success)).toBe(true);
    expect(deleted.at(-1)?.success).toBe(false);
  });

  it('creates, reads, updates and deletes one record', async () => {
    const client = clientFor('jwt');
    const { id } = await client.create('Account', { Name: 'Single' });
    await client.update('Account', id, { Name: 'Single 2' });
    await expect(client.retrieve('Account', id, { fields: ['Name'] })).resolves.toMatchObject({ Name: 'Single 2' });
    await client.delete('Account', id);
    await expect(client.retrieve('Account', id)).rejects.toMatchObject({ status: 404, retryable: false });
  });
});

describe('limits against the emulator', () => {
  it('tracks usage from Sforce-Limit-Info, emits thresholds and stops at the daily limit', async () => {
    await emu.admin.resetApiUsage();
    await emu.admin.setDailyApiLimit(100);
    try {
      const client = clientFor('jwt', { usageThresholds: [0.5, 0.9] });
      const crossed: UsageThresholdEvent[] = [];
      client.usage.on('threshold', (event) => crossed.push(event));
      await client.limits();
      await emu.admin.spendApiCalls(60);
      await client.limits();
      const [usage] = [...client.usage.snapshot().values()];
      expect(usage?.max).toBe(100);
      expect(usage?.used).toBeGreaterThanOrEqual(60);
      expect(crossed.map((event) => event.threshold)).toEqual([0.5]);
      await emu.admin.spendApiCalls(100);
      await expect(client.limits()).rejects.toMatchObject({ code: 'REQUEST_LIMIT_EXCEEDED', status: 403, retryable: true });
      expect(crossed.map((event) => event.threshold)).toEqual([0.5, 0.9]);
    } finally {
      await emu.admin.setDailyApiLimit(15_000);
      await emu.admin.resetApiUsage();
    }
  });

  it('reads /limits', async () => {
    const limits = await clientFor('jwt').limits();
    expect(limits.DailyApiRequests?.max).toBeGreaterThan(0);
  });
});
