import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../emulator/index.js';
import { RestClient } from './rest-client.js';

describe('state directory', () => {
  let stateDir: string;

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'emulator-state-'));
  });
  afterAll(() => rm(stateDir, { recursive: true, force: true }));

  it('keeps the org, its credentials and keys across restarts, and seeds only an empty org', async () => {
    const first = await startEmulator({ stateDir, seed: 'Account=30' });
    const client = await RestClient.login(first.credentials);
    const created = await client.send('POST', '/sobjects/Account', { Name: 'Survivor' });
    await client.send('DELETE', `/sobjects/Account/${(await client.query('SELECT Id FROM Account ORDER BY Id LIMIT 1')).json.records[0].Id}`);
    const before = (await client.query('SELECT Id, Name, SystemModstamp, IsDeleted FROM Account ORDER BY Id', true)).json.records;
    const credentials = first.credentials;
    await first.close();

    const second = await startEmulator({ stateDir, seed: 'Account=500' });
    try {
      expect({ ...second.credentials, loginUrl: '', instanceUrl: '' }).toEqual({ ...credentials, loginUrl: '', instanceUrl: '' });
      const again = await RestClient.login(second.credentials);
      const after = (await again.query('SELECT Id, Name, SystemModstamp, IsDeleted FROM Account ORDER BY Id', true)).json.records;
      expect(after).toEqual(before);
      expect(after.some((row: { Id: string }) => row.Id === created.json.id)).toBe(true);
      const next = await again.send('POST', '/sobjects/Account', { Name: 'After restart' });
      expect(next.json.id > created.json.id).toBe(true);
      expect((await stat(join(stateDir, 'credentials.json'))).mode & 0o777).toBe(0o600);
      expect((await stat(join(stateDir, 'jwt-private-key.pem'))).mode & 0o777).toBe(0o600);
    } finally {
      await second.close();
    }
  });
});
