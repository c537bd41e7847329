import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';

describe('TLS', () => {
  let stateDir: string;
  let emulator: RunningEmulator;

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'emulator-tls-'));
    emulator = await startEmulator({ stateDir, tls: true });
  });
  afterAll(async () => {
    await emulator.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('serves HTTPS with the self-signed certificate written to the state dir', async () => {
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.credentials.instanceUrl).toBe(emulator.url);
    const dispatcher = new Agent({ connect: { ca: await readFile(join(stateDir, 'tls-cert.pem'), 'utf8') } });
    const response = await fetch(`${emulator.url}/services/oauth2/token`, {
      method: 'POST',
      dispatcher,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: emulator.credentials.clientId, client_secret: emulator.credentials.clientSecret }).toString(),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { instance_url: string }).instance_url).toBe(emulator.url);
    await dispatcher.close();
  });

  it('is not trusted without that certificate', async () => {
    await expect(fetch(`${emulator.url}/services/data/`)).rejects.toThrow();
  });
});
