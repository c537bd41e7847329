import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../emulator/index.js';
import type { SalesforceClient } from '../../../salesforce/index.js';
import { createSalesforceClient, TokenCache } from '../../../salesforce/index.js';
import { emulatorConfig, emulatorEnv } from './emulator-connections.js';

let emu: Awaited<ReturnType<typeof startEmulator>>;
let client: SalesforceClient;

beforeAll(async () => {
  emu = await startEmulator({ seed: 'Account=1' });
  client = createSalesforceClient(emulatorConfig(emu.credentials, 'jwt'), { env: emulatorEnv(emu.credentials), tokenCache: new TokenCache() });
});

afterAll(async () => {
  await client.close();
  await emu.close();
});

describe('describe of an object the org does not have', () => {
  it('says the object does not exist or is not visible, suggests the closest name, and keeps NOT_FOUND', async () => {
    const failure = client.describe('Acount');
    await expect(failure).rejects.toMatchObject({ code: 'NOT_FOUND', errorCode: 'NOT_FOUND', status: 404, retryable: false });
    await expect(failure).rejects.toThrow('Acount does not exist in this org or is not visible to the integration user');
    await expect(failure).rejects.toThrow(/did you mean Account\?$/);
  });

  it.each([
    ['opportunty', 'Opportunity'],
    ['invoice', 'Invoice__c'],
  ])('suggests whatever the case, and a custom object without its __c: %s -> %s', async (wanted, suggested) => {
    await expect(client.describe(wanted)).rejects.toThrow(`did you mean ${suggested}?`);
  });

  it('suggests nothing when no object name is close', async () => {
    await expect(client.describe('Zzqx_Widget__c')).rejects.toThrow(/not visible to the integration user[^?]*$/);
  });
});
