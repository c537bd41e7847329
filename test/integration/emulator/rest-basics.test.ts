import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { RestClient, request } from './rest-client.js';

describe('REST basics: versions, resources, authentication, describe, limits', () => {
  let emulator: RunningEmulator;
  let client: RestClient;

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 'Account=5,Contact=5' });
    client = await RestClient.login(emulator.credentials);
  });
  afterAll(() => emulator.close());

  it('lists versions without authentication, without Sforce-Limit-Info, and without counting a call', async () => {
    const before = await emulator.admin.apiUsage();
    const response = await request(`${emulator.url}/services/data/`, {});
    expect(response.status).toBe(200);
    expect(response.headers.get('sforce-limit-info')).toBeNull();
    expect(response.json[0]).toEqual({ label: "Summer '14", url: '/services/data/v31.0', version: '31.0' });
    expect(response.json.at(-1)).toEqual({ label: "Summer '25", url: '/services/data/v64.0', version: '64.0' });
    expect(response.json.find((entry: { version: string }) => entry.version === '62.0').label).toBe("Winter '25");
    expect(await emulator.admin.apiUsage()).toEqual(before);
  });

  it('answers a retired version with 410 and an unknown one with 404', async () => {
    expect((await client.get('/services/data/v30.0/limits')).status).toBe(410);
    const unknown = await client.get('/services/data/v99.0/limits');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
  });

  it('maps resource names to version-relative URLs, with identity absolute', async () => {
    const response = await client.get('/');
    expect(response.json).toMatchObject({ sobjects: '/services/data/v62.0/sobjects', query: '/services/data/v62.0/query', limits: '/services/data/v62.0/limits' });
    expect(response.json.identity).toMatch(new RegExp(`^${emulator.url}/id/`));
  });

  it.each([
    ['no Authorization header', {}, 'INVALID_SESSION_ID', 'Session expired or invalid'],
    ['an unknown token', { authorization: 'Bearer 00D000000000000!nope' }, 'INVALID_SESSION_ID', 'Session expired or invalid'],
    ['a header without a scheme', { authorization: 'garbage' }, 'INVALID_AUTH_HEADER', 'INVALID_HEADER_TYPE'],
  ])('answers %s with 401', async (_case, headers, errorCode, message) => {
    const response = await request(`${emulator.url}/services/data/v62.0/limits`, { headers });
    expect(response.status).toBe(401);
    expect(response.json).toEqual([{ message, errorCode }]);
  });

  it('accepts the legacy OAuth authorization scheme', async () => {
    expect((await request(client.url('/limits'), { headers: { authorization: `OAuth ${client.token}` } })).status).toBe(200);
  });

  it('sends Sforce-Limit-Info on authenticated responses, errors included', async () => {
    const usage = await emulator.admin.apiUsage();
    const missing = await client.get('/sobjects/Nope__c/describe');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('sforce-limit-info')).toBe(`api-usage=${usage.used + 1}/${usage.max}`);
  });

  it('describes the org globally and per object, with every field key and relationships', async () => {
    const global = await client.get('/sobjects');
    expect(global.json).toMatchObject({ encoding: 'UTF-8', maxBatchSize: 200 });
    expect(global.json.sobjects.map((object: { name: string }) => object.name)).toEqual(['User', 'Account', 'Contact', 'Opportunity', 'Lead', 'Case', 'Invoice__c']);
    const account = global.json.sobjects[1];
    expect(account).toMatchObject({ keyPrefix: '001', urls: { rowTemplate: '/services/data/v62.0/sobjects/Account/{ID}' } });
    const describe = await client.get('/sobjects/account/describe');
    expect(describe.status).toBe(200);
    const fields = new Map(describe.json.fields.map((field: { name: string }) => [field.name, field]));
    expect(fields.get('Id')).toMatchObject({ type: 'id', soapType: 'tns:ID', length: 18, byteLength: 18, idLookup: true, nillable: false, createable: false });
    expect(fields.get('OwnerId')).toMatchObject({ type: 'reference', referenceTo: ['Group', 'User'], relationshipName: 'Owner', namePointing: true });
    expect(fields.get('Name')).toMatchObject({ type: 'string', length: 255, nameField: true });
    expect(fields.get('BillingAddress')).toMatchObject({ type: 'address', soapType: 'urn:address', filterable: false });
    expect(fields.get('BillingCity')).toMatchObject({ compoundFieldName: 'BillingAddress' });
    expect(fields.get('Industry')).toMatchObject({ type: 'picklist', picklistValues: expect.arrayContaining([{ active: true, defaultValue: false, label: 'Banking', validFor: null, value: 'Banking' }]) });
    expect(Object.keys(fields.get('Id') as object)).toEqual([...Object.keys(fields.get('Id') as object)].sort());
    expect(describe.json.childRelationships).toEqual(expect.arrayContaining([
      expect.objectContaining({ childSObject: 'Contact', field: 'AccountId', relationshipName: 'Contacts', cascadeDelete: true }),
      expect.objectContaining({ childSObject: 'Invoice__c', field: 'Account__c', relationshipName: 'Invoices__r', cascadeDelete: false }),
    ]));
    const invoice = await client.get('/sobjects/Invoice__c/describe');
    const external = invoice.json.fields.find((field: { name: string }) => field.name === 'External_Id__c');
    expect(external).toMatchObject({ externalId: true, unique: true, custom: true });
    expect(invoice.json.fields.find((field: { name: string }) => field.name === 'Delivery_Location__c')).toMatchObject({ type: 'location' });
  });

  it('answers a conditional describe with 304 and no body', async () => {
    const response = await client.get('/sobjects/Account/describe', { 'if-modified-since': new Date().toUTCString() });
    expect([response.status, response.text]).toEqual([304, '']);
  });

  it('reports limits with Max/Remaining and counts records per object', async () => {
    const limits = await client.get('/limits');
    const usage = await emulator.admin.apiUsage();
    expect(limits.json.DailyApiRequests).toEqual({ Max: 15000, Remaining: usage.max - usage.used });
    expect(limits.json.DailyBulkV2QueryJobs).toEqual({ Max: 10000, Remaining: 10000 });
    const counts = await client.get('/limits/recordCount?sObjects=Account,Contact');
    expect(counts.json).toEqual({ sObjects: [{ count: 5, name: 'Account' }, { count: 5, name: 'Contact' }] });
  });

  it('answers a wrong method with 405 and an unknown resource with 404', async () => {
    const wrongMethod = await client.send('PUT', '/sobjects/Account/describe', {});
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.json[0].errorCode).toBe('METHOD_NOT_ALLOWED');
    expect((await client.get('/nothing/here')).json).toEqual([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
  });

  it('answers malformed JSON with JSON_PARSER_ERROR and a non-JSON body type with 415', async () => {
    const malformed = await request(client.url('/sobjects/Account'), {
      method: 'POST', headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' }, body: '{"Name": ',
    });
    expect([malformed.status, malformed.json[0].errorCode]).toEqual([400, 'JSON_PARSER_ERROR']);
    const form = await request(client.url('/sobjects/Account'), {
      method: 'POST', headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'Name=x',
    });
    expect(form.status).toBe(415);
  });

  it('applies the 16,384-byte URI limit with 414', async () => {
    expect((await client.get(`/query?q=${'x'.repeat(17_000)}`)).status).toBe(414);
  });
});
