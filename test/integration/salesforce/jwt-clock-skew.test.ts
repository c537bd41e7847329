import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../emulator/index.js';
import type { Clock } from '../../../salesforce/index.js';
import { createSalesforceClient, systemClock, TokenCache } from '../../../salesforce/index.js';
import { emulatorConfig, emulatorEnv } from './emulator-connections.js';

let emu: Awaited<ReturnType<typeof startEmulator>>;

beforeAll(async () => {
  emu = await startEmulator({ seed: 'Account=1' });
});

afterAll(() => emu.close());

const shifted = (offsetMs: number): Clock => ({ now: () => Date.now() + offsetMs, sleep: (ms, signal) => systemClock.sleep(ms, signal) });

function clientWithClock(clock: Clock) {
  return createSalesforceClient(emulatorConfig(emu.credentials, 'jwt'), { env: emulatorEnv(emu.credentials), tokenCache: new TokenCache(), clock });
}

describe('JWT bearer flow with a worker clock that is off', () => {
  it.each([
    ['ahead', 10 * 60_000],
    ['behind', -10 * 60_000],
  ])('says the clock is 10 minutes %s of Salesforce when the assertion is refused', async (direction, offsetMs) => {
    const client = clientWithClock(shifted(offsetMs));
    try {
      const failure = client.connect();
      await expect(failure).rejects.toMatchObject({ code: 'AUTH_FAILED', errorCode: 'invalid_grant' });
      await expect(failure).rejects.toThrow(`this machine's clock is 10 minutes ${direction === 'ahead' ? 'ahead of' : 'behind'} Salesforce's`);
    } finally {
      await client.close();
    }
  });

  it('leaves the clock out of the explanation when the clocks agree', async () => {
    const config = emulatorConfig(emu.credentials, 'jwt', {
      auth: { flow: 'jwt', clientId: emu.credentials.clientId, username: 'nobody@example.com', privateKey: { file: emu.credentials.privateKeyPath } },
    });
    const client = createSalesforceClient(config, { tokenCache: new TokenCache() });
    try {
      const failure = client.connect();
      await expect(failure).rejects.toMatchObject({ code: 'AUTH_FAILED', errorCode: 'invalid_grant' });
      await expect(failure).rejects.not.toThrow(/clock is \d+ minutes/);
    } finally {
      await client.close();
    }
  });
});
