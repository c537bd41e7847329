import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock, startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { RestClient } from './rest-client.js';

describe('API limits and fault injection', () => {
  const clock = createManualClock(Date.UTC(2024, 5, 1));
  let emulator: RunningEmulator;
  let client: RestClient;

  beforeAll(async () => {
    emulator = await startEmulator({ clock, seed: 'Account=3', limits: { dailyApiRequests: 50 }, tokenTtlSeconds: 10 * 86_400 });
    client = await RestClient.login(emulator.credentials);
  });
  afterEach(async () => {
    await emulator.admin.clearFaults();
    await emulator.admin.resetApiUsage();
  });
  afterAll(() => emulator.close());

  describe('daily API requests', () => {
    it('answers 403 REQUEST_LIMIT_EXCEEDED once another integration has spent the budget, without counting the refusal', async () => {
      await emulator.admin.spendApiCalls(49);
      const last = await client.get('/limits');
      expect(last.status).toBe(200);
      expect(last.headers.get('sforce-limit-info')).toBe('api-usage=50/50');
      const refused = await client.get('/limits');
      expect(refused.status).toBe(403);
      expect(refused.json).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
      expect(refused.headers.get('sforce-limit-info')).toBe('api-usage=50/50');
      expect(await emulator.admin.apiUsage()).toEqual({ used: 50, max: 50 });
    });

    it('frees the budget as calls age out of the rolling 24 hours', async () => {
      await emulator.admin.spendApiCalls(50);
      expect((await client.get('/limits')).status).toBe(403);
      await emulator.admin.advanceClock(24 * 3_600_000);
      expect((await client.get('/limits')).status).toBe(200);
    });

    it('takes a new daily limit at run time', async () => {
      await emulator.admin.setDailyApiLimit(1);
      expect((await client.get('/limits')).status).toBe(200);
      expect((await client.get('/limits')).status).toBe(403);
      await emulator.admin.setDailyApiLimit(50);
    });

    it('counts HTTP requests per route template', async () => {
      await emulator.admin.resetCallCounts();
      await client.get('/sobjects/Account/describe');
      await client.get('/sobjects/Contact/describe');
      await client.query('SELECT Id FROM Account');
      expect(await emulator.admin.callCounts()).toEqual({
        'GET /services/data/:version/query': 1,
        'GET /services/data/:version/sobjects/:object/describe': 2,
      });
    });
  });

  describe('faults', () => {
    it('answers 503 SERVER_UNAVAILABLE as a JSON error array', async () => {
      await emulator.admin.injectFaults([{ route: '/services/data/*/limits', fault: { kind: 'server-unavailable' } }]);
      const response = await client.get('/limits');
      expect(response.status).toBe(503);
      expect(response.json).toEqual([{ message: 'Server Unavailable', errorCode: 'SERVER_UNAVAILABLE' }]);
    });

    it.each([502, 503, 504] as const)('answers %i with an HTML page, as the edge does', async (status) => {
      await emulator.admin.injectFaults([{ route: '/services/data/**', fault: { kind: 'edge-html', status } }]);
      const response = await client.get('/limits');
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('text/html');
      expect(response.text).toContain(`<title>${status}`);
    });

    it('injects REQUEST_LIMIT_EXCEEDED and UNABLE_TO_LOCK_ROW, per record inside a collection', async () => {
      await emulator.admin.injectFaults([
        { route: '/services/data/*/limits', fault: { kind: 'request-limit-exceeded' } },
        { route: '/services/data/*/composite/sobjects', fault: { kind: 'unable-to-lock-row' } },
        { route: '/services/data/*/sobjects/Account/*', method: 'PATCH', fault: { kind: 'unable-to-lock-row' } },
      ]);
      expect((await client.get('/limits')).json[0].errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
      const collection = await client.send('POST', '/composite/sobjects', { records: [{ attributes: { type: 'Account' }, Name: 'a' }, { attributes: { type: 'Account' }, Name: 'b' }] });
      expect(collection.status).toBe(200);
      expect(collection.json).toEqual([1, 2].map(() => ({ success: false, errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record', fields: [] }] })));
      const single = await client.send('PATCH', '/sobjects/Account/001Em0000000001IAA', { Name: 'x' });
      expect(single.status).toBe(400);
      expect(single.json).toEqual([{ message: 'unable to obtain exclusive access to this record', errorCode: 'UNABLE_TO_LOCK_ROW', fields: [] }]);
    });

    it('expires the presented token early with INVALID_SESSION_ID', async () => {
      const victim = await RestClient.login(emulator.credentials);
      await emulator.admin.injectFaults([{ route: '/services/data/*/limits', sequence: [{ kind: 'invalid-session' }] }]);
      expect((await victim.get('/limits')).json).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
      expect((await victim.get('/limits')).status).toBe(401);
    });

    it('adds latency and then serves the request normally', async () => {
      await emulator.admin.injectFaults([{ route: '/services/data/*/limits', fault: { kind: 'latency', ms: 150 } }]);
      const started = performance.now();
      expect((await client.get('/limits')).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    });

    it('resets the connection mid-body after the write has happened', async () => {
      await emulator.admin.injectFaults([{ route: '/services/data/*/sobjects/Account', method: 'POST', fault: { kind: 'connection-reset' } }]);
      const before = (await client.query('SELECT COUNT() FROM Account')).json.totalSize as number;
      await expect(client.send('POST', '/sobjects/Account', { Name: 'Written anyway' })).rejects.toThrow();
      expect((await client.query('SELECT COUNT() FROM Account')).json.totalSize).toBe(before + 1);
    });

    it('follows a scripted sequence: the third request passes', async () => {
      await emulator.admin.injectFaults([{ route: '/services/data/*/limits', sequence: [{ kind: 'server-unavailable' }, { kind: 'edge-html', status: 502 }, null] }]);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await client.get('/limits')).status);
      expect(statuses).toEqual([503, 502, 200]);
    });

    it('applies faults given at start-up', async () => {
      const faulty = await startEmulator({ faults: [{ route: '/services/data', fault: { kind: 'server-unavailable' } }] });
      try {
        expect((await fetch(`${faulty.url}/services/data`)).status).toBe(503);
      } finally {
        await faulty.close();
      }
    });
  });
});
