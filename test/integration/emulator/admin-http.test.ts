import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAdmin, createManualClock, startEmulator, type EmulatorAdmin, type RunningEmulator } from '../../../emulator/index.js';
import { RestClient, request } from './rest-client.js';

describe('admin API over HTTP (/__admin)', () => {
  const clock = createManualClock(Date.UTC(2024, 5, 1));
  let emulator: RunningEmulator;
  let admin: EmulatorAdmin;
  let client: RestClient;

  beforeAll(async () => {
    emulator = await startEmulator({ clock, seed: 'Account=20,Contact=20', tokenTtlSeconds: 86_400 });
    admin = connectAdmin(emulator.url);
    client = await RestClient.login(emulator.credentials);
  });
  afterAll(() => emulator.close());

  it('reads and advances the clock', async () => {
    expect(await admin.now()).toBe(Date.UTC(2024, 5, 1));
    expect(await admin.advanceClock(1_000)).toBe(Date.UTC(2024, 5, 1) + 1_000);
  });

  it('mutates an object, returning the IDs it touched, all sharing a forced SystemModstamp', async () => {
    const result = await admin.mutate({ object: 'Account', create: 2, update: 3, delete: 1, systemModstamp: '2024-05-31T08:00:00Z' });
    expect([result.created.length, result.updated.length, result.deleted.length]).toEqual([2, 3, 1]);
    const touched = (await client.query('SELECT Id FROM Account WHERE SystemModstamp = 2024-05-31T08:00:00Z', true)).json.records.map((row: { Id: string }) => row.Id);
    expect(touched.sort()).toEqual([...result.created, ...result.updated, ...result.deleted].sort());
  });

  it('inserts exact records with system fields, updates and deletes them, and dumps every field as NDJSON', async () => {
    const [id] = await admin.insertRecords('Invoice__c', [{ Name: 'Exact', External_Id__c: 'ADM-1', CreatedDate: '2024-01-01T00:00:00Z', SystemModstamp: '2024-01-02T00:00:00Z', Amount__c: 1.5 }]);
    await admin.updateRecords('Invoice__c', [{ Id: id, Status__c: 'Paid', SystemModstamp: '2024-01-03T00:00:00Z' }]);
    const rows: Record<string, unknown>[] = [];
    for await (const row of admin.records('Invoice__c')) rows.push(row);
    expect(rows.find((row) => row['Id'] === id)).toMatchObject({
      Name: 'Exact', Status__c: 'Paid', Amount__c: 1.5, IsDeleted: false,
      CreatedDate: '2024-01-01T00:00:00.000+0000', SystemModstamp: '2024-01-03T00:00:00.000+0000', Delivery_Location__c: null,
    });
    await admin.deleteRecords('Invoice__c', [id!]);
    const live: unknown[] = [];
    for await (const row of admin.records('Invoice__c')) live.push(row);
    const all: Record<string, unknown>[] = [];
    for await (const row of admin.records('Invoice__c', { includeDeleted: true })) all.push(row);
    expect(live).toHaveLength(0);
    expect(all).toMatchObject([{ Id: id, IsDeleted: true }]);
  });

  it('reports save errors with their Salesforce codes', async () => {
    await expect(admin.insertRecords('Contact', [{ FirstName: 'x' }])).rejects.toThrow(/REQUIRED_FIELD_MISSING/);
    await expect(admin.mutate({ object: 'Widget', create: 1 })).rejects.toThrow(/unknown object/);
  });

  it('controls API usage, faults, call counts and tokens', async () => {
    await admin.resetApiUsage();
    await admin.spendApiCalls(7);
    await admin.setDailyApiLimit(100);
    expect(await admin.apiUsage()).toEqual({ used: 7, max: 100 });
    await admin.injectFaults([{ route: '/services/data/*/limits', fault: { kind: 'server-unavailable' } }]);
    expect((await client.get('/limits')).status).toBe(503);
    await admin.clearFaults();
    await admin.resetCallCounts();
    await client.get('/limits');
    expect(await admin.callCounts()).toEqual({ 'GET /services/data/:version/limits': 1 });
    await admin.expireTokens();
    expect((await client.get('/limits')).status).toBe(401);
  });

  it('accepts a fault kind by name over HTTP and refuses a malformed rule', async () => {
    const ok = await request(`${emulator.url}/__admin/faults`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules: [{ route: '/nowhere', fault: 'server-unavailable' }] }),
    });
    expect(ok.status).toBe(200);
    const bad = await request(`${emulator.url}/__admin/faults`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules: [{ route: '/x' }] }),
    });
    expect(bad.status).toBe(400);
    await admin.clearFaults();
  });

  it('serves the credentials', async () => {
    expect((await request(`${emulator.url}/__admin/credentials`, {})).json).toEqual(emulator.credentials);
  });
});
