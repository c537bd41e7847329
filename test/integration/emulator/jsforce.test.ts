import { readFile } from 'node:fs/promises';
import { SignJWT, importPKCS8 } from 'jose';
import { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';

/** jsforce's default API version is old: always pass one, as its documentation says. */
const VERSION = '62.0';

describe('jsforce 3.10.16 against the emulator, unmodified', () => {
  let emulator: RunningEmulator;
  let conn: Connection;

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 'Account=4500,Contact=10' });
    const { loginUrl, clientId, clientSecret, username, password } = emulator.credentials;
    conn = new Connection({ oauth2: { loginUrl, clientId, clientSecret }, version: VERSION });
    await conn.login(username, password);
  });
  afterAll(() => emulator.close());

  it('logs in with OAuth and knows the user, org and instance', async () => {
    expect(conn.instanceUrl).toBe(emulator.url);
    expect(conn.userInfo?.id).toMatch(/^005/);
    expect(conn.userInfo?.organizationId).toMatch(/^00D/);
    const identity = await conn.identity();
    expect(identity.username).toBe(emulator.credentials.username);
  });

  it('queries with autoFetch across several pages', async () => {
    const result = await conn.query<{ Id: string; Name: string }>('SELECT Id, Name FROM Account', { autoFetch: true, maxFetch: 10_000 });
    expect(result.totalSize).toBe(4500);
    expect(result.records).toHaveLength(4500);
    expect(new Set(result.records.map((record) => record.Id)).size).toBe(4500);
  });

  it('follows queryMore by hand and reads parent fields', async () => {
    const first = await conn.query('SELECT Id, Account.Name FROM Contact ORDER BY Id');
    expect(first.done).toBe(true);
    const page = await conn.query('SELECT Id FROM Account');
    expect(page.done).toBe(false);
    const next = await conn.queryMore(page.nextRecordsUrl as string);
    expect(next.records).toHaveLength(2000);
  });

  it('creates, retrieves, updates, upserts and deletes single records', async () => {
    const accounts = conn.sobject('Account');
    const created = await accounts.create({ Name: 'jsforce single' });
    expect(created).toMatchObject({ success: true, errors: [] });
    const id = created.success ? created.id : '';
    expect((await accounts.retrieve(id)).Name).toBe('jsforce single');
    expect(await accounts.update({ Id: id, Rating: 'Warm' })).toMatchObject({ id, success: true });
    const upserted = await conn.sobject('Invoice__c').upsert({ Name: 'jsforce invoice', External_Id__c: 'JSF-1' }, 'External_Id__c');
    expect(upserted).toMatchObject({ success: true });
    const again = await conn.sobject('Invoice__c').upsert({ Amount__c: 12.5, External_Id__c: 'JSF-1' }, 'External_Id__c');
    expect(again).toMatchObject({ success: true });
    expect(await accounts.destroy(id)).toMatchObject({ id, success: true });
    await expect(accounts.retrieve(id)).rejects.toMatchObject({ errorCode: 'ENTITY_IS_DELETED' });
  });

  it('creates, updates, upserts, retrieves and deletes collections', async () => {
    const contacts = conn.sobject('Contact');
    const created = await contacts.create([{ LastName: 'Coll A' }, { LastName: 'Coll B' }, { FirstName: 'No last name' }]);
    expect(created.map((result) => result.success)).toEqual([true, true, false]);
    const ids = created.flatMap((result) => (result.success ? [result.id] : []));
    const updated = await contacts.update(ids.map((Id) => ({ Id, Title: 'Updated' })));
    expect(updated.every((result) => result.success)).toBe(true);
    const retrieved = await contacts.retrieve(ids);
    expect(retrieved.map((record) => record.Title)).toEqual(['Updated', 'Updated']);
    const upserted = await conn.sobject('Invoice__c').upsert([
      { Name: 'Bulk 1', External_Id__c: 'JSF-C1' },
      { Name: 'Bulk 2', External_Id__c: 'JSF-1' },
    ], 'External_Id__c');
    expect(upserted.map((result) => result.success)).toEqual([true, true]);
    const destroyed = await contacts.destroy(ids);
    expect(destroyed.every((result) => result.success)).toBe(true);
  });

  it('describes objects and the org, and reads limits', async () => {
    const describe = await conn.sobject('Invoice__c').describe();
    expect(describe.fields.find((field) => field.name === 'External_Id__c')?.externalId).toBe(true);
    const global = await conn.describeGlobal();
    expect(global.sobjects.map((object) => object.name)).toContain('Invoice__c');
    const limits = await conn.limits();
    expect(limits.DailyApiRequests?.Max).toBe(15_000);
    expect(conn.limitInfo.apiUsage?.limit).toBe(15_000);
  });

  it('re-authenticates by itself when its session expires', async () => {
    await emulator.admin.expireTokens();
    const result = await conn.query('SELECT COUNT() FROM Account');
    expect(result.totalSize).toBeGreaterThan(4000);
  });

  it('authorizes with a JWT bearer assertion', async () => {
    const { clientId, username, privateKeyPath, loginUrl } = emulator.credentials;
    const key = await importPKCS8(await readFile(privateKeyPath, 'utf8'), 'RS256');
    const assertion = await new SignJWT({ iss: clientId, sub: username, aud: 'https://login.salesforce.com', exp: Math.floor(Date.now() / 1000) + 180 })
      .setProtectedHeader({ alg: 'RS256' })
      .sign(key);
    const jwtConn = new Connection({ oauth2: { loginUrl, clientId }, version: VERSION });
    const userInfo = await jwtConn.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
    expect(userInfo.id).toMatch(/^005/);
    expect((await jwtConn.query('SELECT Id FROM User')).totalSize).toBeGreaterThan(0);
  });

  it('reads deleted records with queryAll (scanAll)', async () => {
    const created = await conn.sobject('Lead').create({ LastName: 'Recycled', Company: 'Co' });
    const id = created.success ? created.id : '';
    await conn.sobject('Lead').destroy(id);
    const visible = await conn.query(`SELECT Id FROM Lead WHERE Id = '${id}'`);
    const all = await conn.query(`SELECT Id, IsDeleted FROM Lead WHERE Id = '${id}'`, { scanAll: true });
    expect(visible.totalSize).toBe(0);
    expect(all.records).toMatchObject([{ Id: id, IsDeleted: true }]);
  });
});
