import { describe, expect, it } from 'vitest';
import type { CompositeSubrequest } from '../../../salesforce/index.js';
import { API_VERSION, testClient } from './fake-salesforce.js';

const root = `/services/data/${API_VERSION}`;

describe('sObject rows', () => {
  it('creates a record and returns its id', async () => {
    const { client, fake } = testClient();
    fake.on('POST', `${root}/sobjects/Account`, { status: 201, body: { id: '001000000000001AAA', success: true, errors: [] } });
    await expect(client.create('Account', { Name: 'Acme' })).resolves.toEqual({ id: '001000000000001AAA' });
    const [request] = fake.requestsTo(`${root}/sobjects/Account`);
    expect(JSON.parse(request?.body ?? '')).toEqual({ Name: 'Acme' });
    expect(request?.headers['content-type']).toBe('application/json');
  });

  it.each([
    [201, { id: '001A', success: true, errors: [], created: true }, { id: '001A', created: true }],
    [200, { id: '001A', success: true, errors: [], created: false }, { id: '001A', created: false }],
    [204, undefined, { created: false }],
  ])('reads an upsert answered %i', async (status, body, expected) => {
    const { client, fake } = testClient();
    fake.on('PATCH', `${root}/sobjects/Account/Ext__c/a%2Fb`, { status, body });
    await expect(client.upsert('Account', 'Ext__c', 'a/b', { Name: 'Acme' })).resolves.toEqual(expected);
  });

  it('reports an upsert whose external id matches several records as MULTIPLE_CHOICES', async () => {
    const { client, fake } = testClient();
    fake.on('PATCH', `${root}/sobjects/Account/Ext__c/42`, { status: 300, body: [`${root}/sobjects/Account/001A`, `${root}/sobjects/Account/001B`] });
    await expect(client.upsert('Account', 'Ext__c', '42', {})).rejects.toMatchObject({ code: 'MULTIPLE_CHOICES', retryable: false });
  });

  it('retrieves selected fields, updates and deletes', async () => {
    const { client, fake } = testClient();
    fake.on('GET', `${root}/sobjects/Account/001A`, { status: 200, body: { attributes: { type: 'Account' }, Id: '001A', Name: 'Acme' } });
    fake.on('PATCH', `${root}/sobjects/Account/001A`, { status: 204 });
    fake.on('DELETE', `${root}/sobjects/Account/001A`, { status: 204 });
    await expect(client.retrieve('Account', '001A', { fields: ['Id', 'Name'] })).resolves.toMatchObject({ Name: 'Acme' });
    await client.update('Account', '001A', { Name: 'Acme 2' });
    await client.delete('Account', '001A');
    expect(fake.requestsTo(`${root}/sobjects/Account/001A`).map((request) => `${request.method} ${request.url.search}`)).toEqual([
      'GET ?fields=Id%2CName',
      'PATCH ',
      'DELETE ',
    ]);
  });
});

describe('composite', () => {
  const subrequests = (count: number): CompositeSubrequest[] =>
    Array.from({ length: count }, (_, i) => ({ method: 'PATCH', path: `/sobjects/Account/Ext__c/${i}`, referenceId: `r${i}`, body: { Name: `N${i}` } }));

  it('splits into calls of 25 and returns results in input order even when Salesforce reorders them', async () => {
    const { client, fake } = testClient();
    fake.on('POST', `${root}/composite`, (request) => {
      const body = JSON.parse(request.body) as { compositeRequest: Array<{ referenceId: string; url: string }> };
      const items = body.compositeRequest.map((sub) => {
        const failed = sub.referenceId === 'r30';
        return {
          referenceId: sub.referenceId,
          httpStatusCode: failed ? 400 : 201,
          httpHeaders: {},
          body: failed ? [{ message: 'bad', errorCode: 'INVALID_FIELD', fields: ['Name'] }] : { id: `id-${sub.referenceId}`, success: true, errors: [] },
        };
      });
      return { status: 200, body: { compositeResponse: items.reverse() } };
    });
    const results = await client.composite(subrequests(60), { allOrNone: true });
    const calls = fake.requestsTo(`${root}/composite`).map((request) => JSON.parse(request.body));
    expect(calls.map((call) => call.compositeRequest.length)).toEqual([25, 25, 10]);
    expect(calls.every((call) => call.allOrNone === true)).toBe(true);
    expect(calls[0].compositeRequest[0].url).toBe(`${root}/sobjects/Account/Ext__c/0`);
    expect(results.map((result) => result.referenceId)).toEqual(subrequests(60).map((sub) => sub.referenceId));
    expect(results[30]).toMatchObject({ status: 400, error: { code: 'INVALID_FIELD', fields: ['Name'] } });
    expect(results[29]?.error).toBeUndefined();
  });

  it('refuses references that would cross a chunk boundary, before sending anything', async () => {
    const { client, fake } = testClient();
    const subs = subrequests(26);
    subs[25] = { method: 'PATCH', path: '/sobjects/Contact/@{r0.id}', referenceId: 'late', body: {} };
    await expect(client.composite(subs)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses duplicate or malformed reference ids and versioned paths', async () => {
    const { client } = testClient();
    const base = { method: 'GET' as const, path: '/sobjects/Account' };
    await expect(client.composite([{ ...base, referenceId: 'a' }, { ...base, referenceId: 'a' }])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(client.composite([{ ...base, referenceId: 'bad-id' }])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(client.composite([{ ...base, path: `${root}/sobjects/Account`, referenceId: 'a' }])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('collections', () => {
  it('creates in chunks of 200 and returns per-record results in input order, failures included', async () => {
    const { client, fake } = testClient();
    fake.on('POST', `${root}/composite/sobjects`, (request) => {
      const body = JSON.parse(request.body) as { records: Array<{ Name: string }> };
      return {
        status: 200,
        body: body.records.map((record) =>
          record.Name === 'bad'
            ? { success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] }] }
            : { id: `id-${record.Name}`, success: true, errors: [] },
        ),
      };
    });
    const records = Array.from({ length: 450 }, (_, i) => ({ Name: i === 300 ? 'bad' : `n${i}` }));
    const results = await client.collections.create('Account', records);
    const calls = fake.requestsTo(`${root}/composite/sobjects`).map((request) => JSON.parse(request.body));
    expect(calls.map((call) => call.records.length)).toEqual([200, 200, 50]);
    expect(calls[0].allOrNone).toBe(false);
    expect(calls[0].records[0]).toEqual({ attributes: { type: 'Account' }, Name: 'n0' });
    expect(results).toHaveLength(450);
    expect(results[299]).toMatchObject({ id: 'id-n299', success: true });
    expect(results[300]).toMatchObject({ success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] }] });
    expect(results[300]).not.toHaveProperty('id');
  });

  it('upserts by external id through PATCH and requires the external id on every record', async () => {
    const { client, fake } = testClient();
    fake.on('PATCH', `${root}/composite/sobjects/Account/Ext__c`, { status: 200, body: [{ id: '001A', success: true, errors: [], created: true }] });
    await expect(client.collections.upsert('Account', 'Ext__c', [{ Ext__c: 'e1', Name: 'A' }], { allOrNone: true })).resolves.toEqual([
      { id: '001A', success: true, errors: [], created: true },
    ]);
    expect(JSON.parse(fake.requestsTo(`${root}/composite/sobjects/Account/Ext__c`)[0]?.body ?? '')).toMatchObject({ allOrNone: true });
    await expect(client.collections.upsert('Account', 'Ext__c', [{ Name: 'no ext id' }])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(client.collections.update('Account', [{ Name: 'no id' }])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('deletes ids in chunks of 200 through the query string', async () => {
    const { client, fake } = testClient();
    fake.on('DELETE', `${root}/composite/sobjects`, (request) => ({
      status: 200,
      body: (request.url.searchParams.get('ids') ?? '').split(',').map((id) => ({ id, success: true, errors: [] })),
    }));
    const ids = Array.from({ length: 201 }, (_, i) => `001${String(i).padStart(3, '0')}`);
    const results = await client.collections.delete(ids);
    expect(fake.requestsTo(`${root}/composite/sobjects`).map((request) => request.url.searchParams.get('ids')?.split(',').length)).toEqual([200, 1]);
    expect(results.map((result) => result.id)).toEqual(ids);
  });

  it('retrieves with null for ids that are not accessible', async () => {
    const { client, fake } = testClient();
    fake.on('POST', `${root}/composite/sobjects/Account`, { status: 200, body: [{ attributes: { type: 'Account' }, Id: '001A' }, null] });
    await expect(client.collections.retrieve('Account', ['001A', '001B'], ['Id'])).resolves.toEqual([{ attributes: { type: 'Account' }, Id: '001A' }, null]);
  });

  it('refuses a result list that does not line up with the records sent', async () => {
    const { client, fake } = testClient();
    fake.on('POST', `${root}/composite/sobjects`, { status: 200, body: [{ id: '001A', success: true, errors: [] }] });
    await expect(client.collections.create('Account', [{ Name: 'a' }, { Name: 'b' }])).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });
});

describe('limits and replication', () => {
  it('reads updated and deleted ids for a window', async () => {
    const { client, fake } = testClient();
    fake.on('GET', `${root}/sobjects/Account/updated/`, { status: 200, body: { ids: ['001A'], latestDateCovered: '2025-01-01T00:00:00.000+0000' } });
    fake.on('GET', `${root}/sobjects/Account/deleted/`, {
      status: 200,
      body: { deletedRecords: [{ id: '001B', deletedDate: '2025-01-01T00:00:00.000+0000' }], earliestDateAvailable: '2024-12-20T00:00:00.000+0000', latestDateCovered: '2025-01-01T00:00:00.000+0000' },
    });
    const start = new Date('2024-12-31T00:00:00Z');
    const end = new Date('2025-01-01T00:00:00Z');
    await expect(client.updated('Account', start, end)).resolves.toMatchObject({ ids: ['001A'] });
    await expect(client.deleted('Account', start, end)).resolves.toMatchObject({ deletedRecords: [{ id: '001B' }] });
    const [request] = fake.requestsTo(`${root}/sobjects/Account/updated/`);
    expect(request?.url.searchParams.get('start')).toBe('2024-12-31T00:00:00+00:00');
  });

  it('reads limits written as strings by old API versions', async () => {
    const { client, fake } = testClient();
    fake.on('GET', `${root}/limits`, { status: 200, body: { DailyApiRequests: { Max: '15000', Remaining: '14000' } } });
    await expect(client.limits()).resolves.toEqual({ DailyApiRequests: { max: 15000, remaining: 14000 } });
  });
});
