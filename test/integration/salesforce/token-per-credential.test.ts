import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SalesforceConnections } from '../../../activities/salesforce-connections.js';
import { startEmulator } from '../../../emulator/index.js';
import type { SalesforceClient } from '../../../salesforce/index.js';
import { createSalesforceClient, TokenCache } from '../../../salesforce/index.js';
import type { EmulatorCredentials } from './emulator-connections.js';
import { emulatorConfig, emulatorEnv } from './emulator-connections.js';

let emu: Awaited<ReturnType<typeof startEmulator>>;
let credentials: EmulatorCredentials;
let dir: string;
let otherKeyPath: string;
const clients: SalesforceClient[] = [];

beforeAll(async () => {
  emu = await startEmulator({ seed: 'Account=3' });
  credentials = emu.credentials;
  dir = await mkdtemp(join(tmpdir(), 'sf-token-per-credential-'));
  otherKeyPath = join(dir, 'other-key.pem');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  await writeFile(otherKeyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  vi.unstubAllEnvs();
});

afterAll(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

/** The same consumer key as `right`, but a credential Salesforce refuses. */
const wrongAuth = {
  client_credentials: () => ({ flow: 'client_credentials', clientId: credentials.clientId, clientSecret: { env: 'WRONG_SECRET' } }),
  jwt: () => ({ flow: 'jwt', clientId: credentials.clientId, username: credentials.username, privateKey: { file: otherKeyPath } }),
};
const refusal = {
  client_credentials: { code: 'AUTH_FAILED', errorCode: 'invalid_client' },
  jwt: { code: 'AUTH_FAILED', errorCode: 'invalid_grant' },
};

function pair(flow: 'client_credentials' | 'jwt') {
  const env = { ...emulatorEnv(credentials), WRONG_SECRET: 'not-the-consumer-secret' };
  const tokenCache = new TokenCache();
  const right = createSalesforceClient(emulatorConfig(credentials, flow, { name: 'right' }), { env, tokenCache });
  const wrong = createSalesforceClient(emulatorConfig(credentials, flow, { name: 'wrong', auth: wrongAuth[flow]() }), { env, tokenCache });
  clients.push(right, wrong);
  return { right, wrong };
}

describe('a token belongs to one connection and one credential', () => {
  describe.each(['client_credentials', 'jwt'] as const)('two %s connections with one consumer key, one credential wrong', (flow) => {
    it('refuses the wrong one every time when the right one authenticated first', async () => {
      const { right, wrong } = pair(flow);
      await expect(right.describe('Account')).resolves.toMatchObject({ name: 'Account' });
      for (let attempt = 0; attempt < 3; attempt += 1) {
        await expect(wrong.describe('Account')).rejects.toMatchObject(refusal[flow]);
      }
      await expect(right.describe('Account')).resolves.toMatchObject({ name: 'Account' });
    });

    it('refuses the wrong one every time when it starts first, and the right one still works', async () => {
      const { right, wrong } = pair(flow);
      await expect(wrong.describe('Account')).rejects.toMatchObject(refusal[flow]);
      await expect(right.describe('Account')).resolves.toMatchObject({ name: 'Account' });
      await expect(wrong.describe('Account')).rejects.toMatchObject(refusal[flow]);
    });
  });

  it('fails a connection whose secret variable is missing before any call, every time, naming the variable only', async () => {
    const env = emulatorEnv(credentials);
    const tokenCache = new TokenCache();
    const right = createSalesforceClient(emulatorConfig(credentials, 'client_credentials', { name: 'right' }), { env, tokenCache });
    const missing = createSalesforceClient(
      emulatorConfig(credentials, 'client_credentials', {
        name: 'missing',
        auth: { flow: 'client_credentials', clientId: credentials.clientId, clientSecret: { env: 'UNSET_SECRET' } },
      }),
      { env, tokenCache },
    );
    clients.push(right, missing);
    const calls: string[] = [];
    missing.usage.on('api-call', (call) => calls.push(call.route));
    await right.connect();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expect(missing.describe('Account')).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
        message: expect.stringContaining('environment variable UNSET_SECRET'),
      });
    }
    expect(calls).toEqual([]);
  });

  it('keeps the connections of one worker apart (SalesforceConnections with one token cache), in either order', async () => {
    for (const [key, value] of Object.entries({ ...emulatorEnv(credentials), WRONG_SECRET: 'not-the-consumer-secret' })) {
      vi.stubEnv(key, value);
    }
    const configs = [
      emulatorConfig(credentials, 'client_credentials', { name: 'right' }),
      emulatorConfig(credentials, 'client_credentials', { name: 'wrong', auth: wrongAuth.client_credentials() }),
    ];
    for (const order of [['right', 'wrong'], ['wrong', 'right']]) {
      const connections = new SalesforceConnections(configs, { tokenCache: new TokenCache() });
      try {
        for (const name of [...order, ...order]) {
          const outcome = connections.get(name).describe('Account');
          if (name === 'right') await expect(outcome).resolves.toMatchObject({ name: 'Account' });
          else await expect(outcome).rejects.toMatchObject(refusal.client_credentials);
        }
      } finally {
        await connections.close();
      }
    }
  });
});
