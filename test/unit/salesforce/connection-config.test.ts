import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectionConfigSchema, loadConnections, resolveConnection, resolveSecret } from '../../../salesforce/index.js';
import { pemBegin } from './pem-markers.js';

const base = {
  name: 'prod',
  loginUrl: 'https://login.salesforce.com',
  apiVersion: 'v62.0',
  auth: { flow: 'jwt', clientId: '3MVG9', username: 'integration@acme.com', privateKey: { file: '/run/secrets/sf.key' } },
};

describe('connectionConfigSchema', () => {
  it('fills defaults for timeouts, transport retries and pool size', () => {
    const config = connectionConfigSchema.parse(base);
    expect(config.timeouts).toEqual({ connectMs: 10_000, headersMs: 150_000, bodyMs: 120_000 });
    expect(config.transportRetry).toEqual({ maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 2_000 });
    expect(config.maxConnections).toBe(10);
    expect(config.loginUrl).toBe('https://login.salesforce.com');
  });

  it('requires an API version written vNN.N', () => {
    expect(connectionConfigSchema.safeParse({ ...base, apiVersion: '62.0' }).success).toBe(false);
    expect(connectionConfigSchema.safeParse({ ...base, apiVersion: undefined }).success).toBe(false);
  });

  it('refuses secrets written inline', () => {
    const inline = { ...base, auth: { ...base.auth, privateKey: pemBegin('PRIVATE KEY') } };
    expect(connectionConfigSchema.safeParse(inline).success).toBe(false);
    const both = { ...base, auth: { ...base.auth, privateKey: { env: 'A', file: '/b' } } };
    expect(connectionConfigSchema.safeParse(both).success).toBe(false);
  });

  it('refuses plain http except for localhost', () => {
    expect(connectionConfigSchema.safeParse({ ...base, loginUrl: 'http://login.salesforce.com' }).success).toBe(false);
    expect(connectionConfigSchema.parse({ ...base, loginUrl: 'http://127.0.0.1:5000/' }).loginUrl).toBe('http://127.0.0.1:5000');
  });

  it('accepts the username-password flow only with the explicit opt-in', () => {
    const auth = { flow: 'password', clientId: 'c', clientSecret: { env: 'S' }, username: 'u', password: { env: 'P' } };
    const refused = connectionConfigSchema.safeParse({ ...base, auth });
    expect(refused.success).toBe(false);
    expect(JSON.stringify(refused.error?.issues)).toContain('allowDeprecatedPasswordFlow');
    expect(connectionConfigSchema.safeParse({ ...base, auth: { ...auth, allowDeprecatedPasswordFlow: true } }).success).toBe(true);
  });

  it('stores the web server flow refresh token in a file and defaults the loopback redirect', () => {
    const config = connectionConfigSchema.parse({ ...base, auth: { flow: 'web_server', clientId: 'c', refreshToken: { file: '/tmp/rt' } } });
    expect(config.auth).toMatchObject({ redirectUri: 'http://localhost:1717/oauth/callback', scopes: ['api', 'refresh_token'] });
    const remote = { flow: 'web_server', clientId: 'c', refreshToken: { file: '/tmp/rt' }, redirectUri: 'https://example.com/cb' };
    expect(connectionConfigSchema.safeParse({ ...base, auth: remote }).success).toBe(false);
    const fromEnv = { flow: 'web_server', clientId: 'c', refreshToken: { env: 'RT' } };
    expect(connectionConfigSchema.safeParse({ ...base, auth: fromEnv }).success).toBe(false);
  });
});

describe('resolveSecret', () => {
  it('reads an environment variable', async () => {
    await expect(resolveSecret({ env: 'SF_KEY' }, { SF_KEY: 'value' })).resolves.toBe('value');
  });

  it('reads a file and drops the trailing newline', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sf-secret-'));
    await writeFile(join(dir, 's'), 'value\n');
    await expect(resolveSecret({ file: join(dir, 's') })).resolves.toBe('value');
  });

  it('fails with CONFIG_INVALID naming the reference, not a value', async () => {
    await expect(resolveSecret({ env: 'SF_MISSING' }, {})).rejects.toMatchObject({ code: 'CONFIG_INVALID', retryable: false });
    await expect(resolveSecret({ file: '/nonexistent/secret' })).rejects.toThrow('file /nonexistent/secret is missing or empty');
  });
});

describe('loadConnections and resolveConnection', () => {
  async function configFile(text: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'sf-config-'));
    const file = join(dir, 'sfsync.config.yaml');
    await writeFile(file, text);
    return file;
  }

  it('reads connections from YAML, naming each by its key', async () => {
    const file = await configFile(`
connections:
  prod:
    loginUrl: https://acme.my.salesforce.com
    apiVersion: v62.0
    auth: { flow: client_credentials, clientId: 3MVG9, clientSecret: { env: SF_SECRET } }
`);
    const connections = await loadConnections(file);
    expect(connections.get('prod')).toMatchObject({ name: 'prod', auth: { flow: 'client_credentials' } });
  });

  it('reads JSON too', async () => {
    const file = await configFile(JSON.stringify({ connections: { dev: { ...base, name: undefined } } }));
    expect([...(await loadConnections(file)).keys()]).toEqual(['dev']);
  });

  it('reports invalid entries with their path', async () => {
    const file = await configFile('connections:\n  prod:\n    loginUrl: https://x.my.salesforce.com\n');
    await expect(loadConnections(file)).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('connections.prod') });
  });

  it('picks the named connection from SFSYNC_CONFIG, or the only one', async () => {
    const file = await configFile(`connections:\n  dev:\n    loginUrl: https://test.salesforce.com\n    apiVersion: v61.0\n    auth: { flow: refresh_token, clientId: c, refreshToken: { env: RT } }\n`);
    await expect(resolveConnection('dev', { SFSYNC_CONFIG: file })).resolves.toMatchObject({ name: 'dev', apiVersion: 'v61.0' });
    await expect(resolveConnection(undefined, { SFSYNC_CONFIG: file })).resolves.toMatchObject({ name: 'dev' });
    await expect(resolveConnection('prod', { SFSYNC_CONFIG: file })).rejects.toThrow('no connection named prod');
  });

  it('does not fall back to the emulator for a named connection when there is no config file', async () => {
    await expect(resolveConnection('prod', { SFSYNC_CONFIG: '/nonexistent/sfsync.config.yaml' })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
