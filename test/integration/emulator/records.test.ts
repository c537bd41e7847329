import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock, startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { RestClient } from './rest-client.js';

const DAY = 86_400_000;

describe('sObject records: CRUD, upsert, traversal, updated and deleted', () => {
  const clock = createManualClock(Date.UTC(2024, 5, 1, 12));
  let emulator: RunningEmulator;
  let client: RestClient;

  beforeAll(async () => {
    emulator = await startEmulator({ clock, tokenTtlSeconds: 100 * 86_400 });
    client = await RestClient.login(emulator.credentials);
  });
  afterAll(() => emulator.close());

  const create = async (object: string, body: Record<string, unknown>): Promise<string> => {
    const response = await client.send('POST', `/sobjects/${object}`, body);
    expect(response.status).toBe(201);
    return response.json.id as string;
  };

  it('creates (201), reads, updates (204, empty body) and deletes (204) a record', async () => {
    const created = await client.send('POST', '/sobjects/Account', { Name: 'Blue Sky, "Ltd"', BillingCity: 'Zürich', NumberOfEmployees: 12 });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ id: expect.stringMatching(/^001[0-9A-Za-z]{15}$/), success: true, errors: [] });
    const id = created.json.id as string;
    const read = await client.get(`/sobjects/Account/${id}`);
    expect(read.json).toMatchObject({
      attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${id}` },
      Id: id, Name: 'Blue Sky, "Ltd"', IsDeleted: false, NumberOfEmployees: 12,
      BillingAddress: { city: 'Zürich', country: null, geocodeAccuracy: null, latitude: null, longitude: null, postalCode: null, state: null, street: null },
      CreatedDate: '2024-06-01T12:00:00.000+0000',
    });
    const patched = await client.send('PATCH', `/sobjects/Account/${id}`, { Phone: '(555) 010-0000' });
    expect([patched.status, patched.text]).toEqual([204, '']);
    const fields = await client.get(`/sobjects/Account/${id}?fields=Phone,Name`);
    expect(fields.json).toEqual({ attributes: expect.any(Object), Phone: '(555) 010-0000', Name: 'Blue Sky, "Ltd"' });
    expect((await client.send('DELETE', `/sobjects/Account/${id}`)).status).toBe(204);
    const again = await client.send('DELETE', `/sobjects/Account/${id}`);
    expect(again.status).toBe(404);
    expect(again.json).toEqual([{ message: 'entity is deleted', errorCode: 'ENTITY_IS_DELETED', fields: [] }]);
    expect((await client.get(`/sobjects/Account/${id}`)).json[0].errorCode).toBe('ENTITY_IS_DELETED');
  });

  it('answers HEAD like GET without a body, changing nothing', async () => {
    const id = await create('Account', { Name: 'Headless' });
    const head = await client.send('HEAD', `/sobjects/Account/${id}`);
    expect([head.status, head.text]).toEqual([200, '']);
    expect((await client.get(`/sobjects/Account/${id}`)).json.Name).toBe('Headless');
  });

  it('accepts 15-char IDs and wrong-case 18-char IDs, always answering with 18-char IDs', async () => {
    const id = await create('Contact', { LastName: 'Case' });
    expect((await client.get(`/sobjects/Contact/${id.slice(0, 15)}`)).json.Id).toBe(id);
    expect((await client.get(`/sobjects/Contact/${id.toLowerCase()}`)).json.Id).toBe(id);
  });

  it('answers an ID of another object with MALFORMED_ID, an unknown ID with NOT_FOUND, and a non-ID with an external-ID error', async () => {
    const contact = await create('Contact', { LastName: 'Other' });
    const wrong = await client.get(`/sobjects/Account/${contact}`);
    expect(wrong.status).toBe(400);
    expect(wrong.json).toEqual([{ message: `Account ID: id value of incorrect type: ${contact}`, errorCode: 'MALFORMED_ID', fields: ['Id'] }]);
    expect((await client.get('/sobjects/Account/001Em0000000zzzIAA')).json).toEqual([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
    expect((await client.get('/sobjects/Account/hello')).json).toEqual([{ message: 'Provided external ID field does not exist or is not accessible: hello', errorCode: 'NOT_FOUND' }]);
  });

  it('reports save errors as an error array with fields', async () => {
    const response = await client.send('POST', '/sobjects/Opportunity', { Name: 'No stage' });
    expect(response.status).toBe(400);
    expect(response.json).toEqual([{ message: 'Required fields are missing: [StageName, CloseDate]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['StageName', 'CloseDate'] }]);
  });

  it('upserts by external ID: 201 created, 200 updated (v46+), 204 updated (v45), 300 on several matches, 404 on an unknown field', async () => {
    const first = await client.send('PATCH', '/sobjects/Invoice__c/External_Id__c/UPS-1', { Name: 'Upserted' });
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ id: expect.any(String), success: true, errors: [], created: true });
    const second = await client.send('PATCH', '/sobjects/Invoice__c/External_Id__c/ups-1', { Amount__c: 10.555 });
    expect(second.status).toBe(200);
    expect(second.json).toEqual({ id: first.json.id, success: true, errors: [], created: false });
    expect((await client.get(`/sobjects/Invoice__c/${first.json.id}?fields=Amount__c`)).json.Amount__c).toBe(10.56);
    const legacy = await new RestClient(client.baseUrl, client.token, '45.0').send('PATCH', '/sobjects/Invoice__c/External_Id__c/UPS-1', { Paid__c: true });
    expect([legacy.status, legacy.text]).toEqual([204, '']);
    const unknown = await client.send('PATCH', '/sobjects/Invoice__c/Name/x', { Amount__c: 1 });
    expect(unknown.json).toEqual([{ message: 'Provided external ID field does not exist or is not accessible: Name', errorCode: 'NOT_FOUND' }]);
    expect((await client.get('/sobjects/Invoice__c/External_Id__c/UPS-1')).json.Id).toBe(first.json.id);
    expect((await client.send('PATCH', '/sobjects/Invoice__c/External_Id__c/UPS-2?updateOnly=true', { Name: 'x' })).status).toBe(404);
  });

  it('answers 300 with the matching record URLs when an external ID matches several records', async () => {
    const ids = await emulator.admin.insertRecords('Contact', [{ LastName: 'A', Legacy_Id__c: 'L-1' }, { LastName: 'B', Legacy_Id__c: 'l-1' }]);
    const response = await client.send('PATCH', '/sobjects/Contact/Legacy_Id__c/L-1', { Title: 'Which one?' });
    expect(response.status).toBe(300);
    expect(response.json).toEqual(ids.map((id) => `/services/data/v62.0/sobjects/Contact/${id}`));
    expect((await client.get('/sobjects/Contact/Legacy_Id__c/L-1')).status).toBe(300);
  });

  it('inserts through POST /sobjects/X/Id', async () => {
    const response = await client.send('POST', '/sobjects/Lead/Id', { LastName: 'Via Id', Company: 'Co' });
    expect(response.status).toBe(201);
    expect(response.json.created).toBe(true);
  });

  it('traverses to a parent (404 when the lookup is empty) and to children', async () => {
    const account = await create('Account', { Name: 'Parent Co' });
    const contact = await create('Contact', { LastName: 'Kid', AccountId: account });
    const orphan = await create('Contact', { LastName: 'Orphan' });
    expect((await client.get(`/sobjects/Contact/${contact}/Account`)).json).toMatchObject({ Id: account, Name: 'Parent Co' });
    expect((await client.get(`/sobjects/Contact/${orphan}/Account`)).status).toBe(404);
    const children = await client.get(`/sobjects/Account/${account}/Contacts`);
    expect(children.json).toMatchObject({ totalSize: 1, done: true, records: [{ Id: contact }] });
  });

  it('lists updated IDs and deleted records within a window, at minute precision', async () => {
    clock.advance(60_000);
    const start = new Date(clock.now()).toISOString();
    const id = await create('Lead', { LastName: 'Window', Company: 'Co' });
    const gone = await create('Lead', { LastName: 'Gone', Company: 'Co' });
    await client.send('DELETE', `/sobjects/Lead/${gone}`);
    clock.advance(120_000);
    const end = new Date(clock.now()).toISOString();
    const window = `start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}`;
    const updated = await client.get(`/sobjects/Lead/updated/?${window}`);
    expect(updated.json).toEqual({ ids: [id], latestDateCovered: end.replace('Z', '+0000') });
    const deleted = await client.get(`/sobjects/Lead/deleted/?${window}`);
    expect(deleted.json).toMatchObject({ deletedRecords: [{ id: gone, deletedDate: expect.stringMatching(/\.000\+0000$/) }], latestDateCovered: end.replace('Z', '+0000') });
    const tooOld = await client.get(`/sobjects/Lead/updated/?start=${encodeURIComponent(new Date(clock.now() - 31 * DAY).toISOString())}&end=${encodeURIComponent(end)}`);
    expect(tooOld.json[0].errorCode).toBe('INVALID_REPLICATION_DATE');
  });

  it('keeps deleted records in the recycle bin for 15 days of emulator time', async () => {
    const id = await create('Case', { Subject: 'Ephemeral' });
    await client.send('DELETE', `/sobjects/Case/${id}`);
    const soql = `SELECT Id, IsDeleted FROM Case WHERE Id = '${id}'`;
    expect((await client.query(soql, true)).json.records).toEqual([expect.objectContaining({ Id: id, IsDeleted: true })]);
    await emulator.admin.advanceClock(15 * DAY + 60_000);
    expect((await client.query(soql, true)).json.records).toEqual([]);
  });
});
