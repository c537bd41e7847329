import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock, startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { RestClient } from './rest-client.js';

describe('/query and /queryAll', () => {
  const clock = createManualClock(Date.UTC(2024, 5, 1));
  let emulator: RunningEmulator;
  let client: RestClient;

  beforeAll(async () => {
    emulator = await startEmulator({ clock, seed: 'Account=4100,Contact=50', tokenTtlSeconds: 10 * 86_400 });
    client = await RestClient.login(emulator.credentials);
  });
  afterAll(() => emulator.close());

  it('pages with nextRecordsUrl in Salesforce format; the last page has no nextRecordsUrl key', async () => {
    const first = await client.query('SELECT Id, Name FROM Account');
    expect(first.status).toBe(200);
    expect(Object.keys(first.json)).toEqual(['totalSize', 'done', 'nextRecordsUrl', 'records']);
    expect(first.json).toMatchObject({ totalSize: 4100, done: false });
    expect(first.json.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g[0-9A-Za-z]{15}-2000$/);
    expect(first.json.records).toHaveLength(2000);
    const second = await client.get(first.json.nextRecordsUrl);
    expect(second.json.nextRecordsUrl).toMatch(/-4000$/);
    const last = await client.get(second.json.nextRecordsUrl);
    expect(Object.keys(last.json)).toEqual(['totalSize', 'done', 'records']);
    expect(last.json).toMatchObject({ totalSize: 4100, done: true });
    expect(last.json.records).toHaveLength(100);
    const ids = new Set([...first.json.records, ...second.json.records, ...last.json.records].map((record: { Id: string }) => record.Id));
    expect(ids.size).toBe(4100);
  });

  it('honours Sforce-Query-Options batchSize between 200 and 2,000', async () => {
    const page = (size: number) => client.query('SELECT Id FROM Account', false, { 'Sforce-Query-Options': `batchSize=${size}` });
    expect((await page(500)).json.records).toHaveLength(500);
    expect((await page(50)).json.records).toHaveLength(200);
    expect((await page(5000)).json.records).toHaveLength(2000);
  });

  it('lets a client fetch the same page again after a failure', async () => {
    const first = await client.query('SELECT Id FROM Account ORDER BY SystemModstamp, Id');
    const second = await client.get(first.json.nextRecordsUrl);
    const retried = await client.get(first.json.nextRecordsUrl);
    expect(retried.json.records).toEqual(second.json.records);
  });

  it('answers COUNT() with totalSize and no records', async () => {
    const response = await client.query("SELECT COUNT() FROM Account WHERE Name LIKE '%#1%'");
    expect(response.json).toEqual({ totalSize: expect.any(Number), done: true, records: [] });
    expect(response.json.totalSize).toBeGreaterThan(100);
  });

  it('answers an unknown or expired locator with INVALID_QUERY_LOCATOR', async () => {
    const unknown = await client.get('/query/01gEm0000000zzzIAA-2000');
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual([{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]);
    const first = await client.query('SELECT Id FROM Account');
    await emulator.admin.advanceClock(2 * 86_400_000 + 1);
    expect((await client.get(first.json.nextRecordsUrl)).json[0].errorCode).toBe('INVALID_QUERY_LOCATOR');
  });

  it('answers a missing query string and SOQL errors with 400 and Salesforce messages', async () => {
    expect((await client.get('/query')).json).toEqual([{ message: 'A query string has to be specified', errorCode: 'MALFORMED_QUERY' }]);
    const invalid = await client.query('SELECT Id FROM Widget');
    expect(invalid.status).toBe(400);
    expect(invalid.json[0]).toMatchObject({ errorCode: 'INVALID_TYPE', message: expect.stringContaining("sObject type 'Widget' is not supported.") });
  });

  it('finds a late commit behind a watermark with queryAll, deletes included, via the keyset query', async () => {
    const late = await emulator.admin.mutate({ object: 'Account', update: 3, delete: 2, systemModstamp: '2024-05-30T07:13:21.000Z' });
    expect(late.updated).toHaveLength(3);
    const keyset = `SELECT Id, IsDeleted, SystemModstamp FROM Account WHERE SystemModstamp = 2024-05-30T07:13:21Z ORDER BY SystemModstamp, Id`;
    const rows = (await client.query(keyset, true)).json.records as { Id: string; IsDeleted: boolean; SystemModstamp: string }[];
    expect(rows.map((row) => row.Id).sort()).toEqual([...late.updated, ...late.deleted].sort());
    expect(rows.filter((row) => row.IsDeleted).map((row) => row.Id).sort()).toEqual([...late.deleted].sort());
    expect(rows.every((row) => row.SystemModstamp === '2024-05-30T07:13:21.000+0000')).toBe(true);
    expect((await client.query(keyset)).json.totalSize).toBe(3);
  });

  it('continues a queryAll cursor through /queryAll/<locator> as well', async () => {
    const first = await client.query('SELECT Id FROM Account', true);
    const locator = (first.json.nextRecordsUrl as string).split('/').pop();
    expect((await client.get(`/queryAll/${locator}`)).status).toBe(200);
  });
});
