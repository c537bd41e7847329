import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { RestClient } from './rest-client.js';

const V = '/services/data/v62.0';

describe('composite, batch and sObject Collections', () => {
  let emulator: RunningEmulator;
  let client: RestClient;

  beforeAll(async () => {
    emulator = await startEmulator();
    client = await RestClient.login(emulator.credentials);
  });
  beforeEach(() => emulator.admin.resetApiUsage());
  afterAll(() => emulator.close());

  const count = async (soql: string): Promise<number> => (await client.query(soql)).json.totalSize as number;

  describe('/composite', () => {
    it('chains subrequests through @{ref} references, answering 200 with per-subrequest results, counted as 1 call', async () => {
      const response = await client.send('POST', '/composite', {
        compositeRequest: [
          { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'newAccount', body: { Name: 'Composite Co' } },
          { method: 'POST', url: `${V}/sobjects/Contact`, referenceId: 'newContact', body: { LastName: 'Ref', AccountId: '@{newAccount.id}' } },
          { method: 'GET', url: `${V}/query?q=SELECT+Id,Account.Name+FROM+Contact+WHERE+Id='@{newContact.id}'`, referenceId: 'check' },
          { method: 'PATCH', url: `${V}/sobjects/Contact/@{check.records[0].Id}`, referenceId: 'update', body: { Title: 'Done' } },
        ],
      });
      expect(response.status).toBe(200);
      const [account, contact, check, update] = response.json.compositeResponse;
      expect(account).toEqual({
        body: { id: expect.any(String), success: true, errors: [] },
        httpHeaders: { Location: `${V}/sobjects/Account/${account.body.id}` },
        httpStatusCode: 201,
        referenceId: 'newAccount',
      });
      expect(contact.httpStatusCode).toBe(201);
      expect(check.body.records[0].Account.Name).toBe('Composite Co');
      expect(update).toEqual({ body: null, httpHeaders: {}, httpStatusCode: 204, referenceId: 'update' });
      expect(response.headers.get('sforce-limit-info')).toBe('api-usage=1/15000');
    });

    it('rolls everything back with allOrNone, reporting PROCESSING_HALTED for the other subrequests', async () => {
      const before = await count('SELECT COUNT() FROM Account');
      const response = await client.send('POST', '/composite', {
        allOrNone: true,
        compositeRequest: [
          { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'ok', body: { Name: 'Rolled back' } },
          { method: 'POST', url: `${V}/sobjects/Contact`, referenceId: 'bad', body: { FirstName: 'No last name' } },
          { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'never', body: { Name: 'Never' } },
        ],
      });
      expect(response.status).toBe(200);
      const [ok, bad, never] = response.json.compositeResponse;
      expect(ok).toMatchObject({ httpStatusCode: 400, body: [{ errorCode: 'PROCESSING_HALTED' }] });
      expect(bad).toMatchObject({ httpStatusCode: 400, body: [{ errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName'] }] });
      expect(never).toMatchObject({ httpStatusCode: 400, body: [{ errorCode: 'PROCESSING_HALTED' }] });
      expect(await count('SELECT COUNT() FROM Account')).toBe(before);
    });

    it('without allOrNone keeps what succeeded and halts only subrequests that reference a failure', async () => {
      const response = await client.send('POST', '/composite', {
        compositeRequest: [
          { method: 'POST', url: `${V}/sobjects/Opportunity`, referenceId: 'bad', body: { Name: 'No stage' } },
          { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'good', body: { Name: 'Independent' } },
          { method: 'PATCH', url: `${V}/sobjects/Opportunity/@{bad.id}`, referenceId: 'dependent', body: { Amount: 1 } },
        ],
      });
      const [bad, good, dependent] = response.json.compositeResponse;
      expect(bad.httpStatusCode).toBe(400);
      expect(good.httpStatusCode).toBe(201);
      expect(dependent).toMatchObject({ httpStatusCode: 400, body: [{ errorCode: 'PROCESSING_HALTED' }] });
    });

    it('refuses more than 25 subrequests and forbidden subrequest headers at the top level', async () => {
      const many = Array.from({ length: 26 }, (_, index) => ({ method: 'GET', url: `${V}/limits`, referenceId: `r${index}` }));
      expect((await client.send('POST', '/composite', { compositeRequest: many })).status).toBe(400);
      const header = await client.send('POST', '/composite', {
        compositeRequest: [{ method: 'GET', url: `${V}/limits`, referenceId: 'r', httpHeaders: { Authorization: 'Bearer x' } }],
      });
      expect(header.status).toBe(400);
    });
  });

  describe('/composite/batch', () => {
    it('runs subrequests independently, counting each one, and halts after a failure with 412 when asked', async () => {
      const response = await client.send('POST', '/composite/batch', {
        haltOnError: true,
        batchRequests: [
          { method: 'POST', url: 'v62.0/sobjects/Account', richInput: { Name: 'Batch Co' } },
          { method: 'GET', url: 'v62.0/sobjects/Account/001Em0000000zzzIAA' },
          { method: 'GET', url: 'v62.0/limits' },
        ],
      });
      expect(response.status).toBe(200);
      expect(response.json.hasErrors).toBe(true);
      expect(response.json.results.map((result: { statusCode: number }) => result.statusCode)).toEqual([201, 404, 412]);
      expect(response.json.results[2].result).toEqual([{ message: 'Batch processing halted per request', errorCode: 'BATCH_PROCESSING_HALTED' }]);
      expect(response.headers.get('sforce-limit-info')).toBe('api-usage=2/15000');
    });
  });

  describe('/composite/sobjects', () => {
    it('creates up to 200 records, in order; a failed create has no id and errors use statusCode', async () => {
      const response = await client.send('POST', '/composite/sobjects', {
        records: [
          { attributes: { type: 'Account' }, Name: 'Coll 1' },
          { attributes: { type: 'Contact' }, FirstName: 'Missing' },
          { attributes: { type: 'Invoice__c' }, Name: 'INV', External_Id__c: 'COLL-1' },
        ],
      });
      expect(response.status).toBe(200);
      expect(response.json).toEqual([
        { id: expect.stringMatching(/^001/), success: true, errors: [] },
        { success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName]', fields: ['LastName'] }] },
        { id: expect.stringMatching(/^a01/), success: true, errors: [] },
      ]);
      const tooMany = Array.from({ length: 201 }, () => ({ attributes: { type: 'Account' }, Name: 'x' }));
      expect((await client.send('POST', '/composite/sobjects', { records: tooMany })).json[0].errorCode).toBe('EXCEEDED_ID_LIMIT');
    });

    it('rolls back every record with allOrNone, marking the good ones ALL_OR_NONE_OPERATION_ROLLED_BACK', async () => {
      const before = await count('SELECT COUNT() FROM Lead');
      const response = await client.send('POST', '/composite/sobjects', {
        allOrNone: true,
        records: [{ attributes: { type: 'Lead' }, LastName: 'Good', Company: 'Co' }, { attributes: { type: 'Lead' }, LastName: 'Bad' }],
      });
      expect(response.json).toEqual([
        { success: false, errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'Record rolled back because not all records were valid and the request was using AllOrNone header', fields: [] }] },
        { success: false, errors: [expect.objectContaining({ statusCode: 'REQUIRED_FIELD_MISSING' })] },
      ]);
      expect(await count('SELECT COUNT() FROM Lead')).toBe(before);
    });

    it('updates by id, upserts by external ID with created flags, and deletes by ids', async () => {
      const created = await client.send('POST', '/composite/sobjects', {
        records: [{ attributes: { type: 'Account' }, Name: 'U1' }, { attributes: { type: 'Account' }, Name: 'U2' }],
      });
      const [first, second] = created.json.map((result: { id: string }) => result.id);
      const updated = await client.send('PATCH', '/composite/sobjects', {
        records: [{ attributes: { type: 'Account' }, id: first, Rating: 'Hot' }, { attributes: { type: 'Account' }, id: '001Em0000000zzzIAA', Rating: 'Hot' }],
      });
      expect(updated.json).toEqual([
        { id: first, success: true, errors: [] },
        { id: '001Em0000000zzzIAA', success: false, errors: [{ statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [] }] },
      ]);
      const upserted = await client.send('PATCH', '/composite/sobjects/Invoice__c/External_Id__c', {
        records: [
          { attributes: { type: 'Invoice__c' }, External_Id__c: 'COLL-1', Amount__c: 5 },
          { attributes: { type: 'Invoice__c' }, External_Id__c: 'COLL-2', Name: 'New' },
        ],
      });
      expect(upserted.json).toEqual([
        { id: expect.stringMatching(/^a01/), success: true, errors: [], created: false },
        { id: expect.stringMatching(/^a01/), success: true, errors: [], created: true },
      ]);
      const deleted = await client.send('DELETE', `/composite/sobjects?ids=${first},${second},nope`);
      expect(deleted.json).toEqual([
        { id: first, success: true, errors: [] },
        { id: second, success: true, errors: [] },
        { success: false, errors: [{ statusCode: 'MALFORMED_ID', message: 'malformed id nope', fields: [] }] },
      ]);
      const again = await client.send('DELETE', `/composite/sobjects?ids=${first}`);
      expect(again.json[0].errors[0].statusCode).toBe('ENTITY_IS_DELETED');
    });

    it('retrieves records by ids and fields, with null for missing ones, by GET and by POST', async () => {
      const [id] = (await client.send('POST', '/composite/sobjects', { records: [{ attributes: { type: 'Account' }, Name: 'R1', Phone: '1' }] })).json.map((result: { id: string }) => result.id);
      const byGet = await client.get(`/composite/sobjects/Account?ids=${id},001Em0000000zzzIAA&fields=Name,Phone`);
      expect(byGet.json).toEqual([{ attributes: { type: 'Account', url: `${V}/sobjects/Account/${id}` }, Name: 'R1', Phone: '1' }, null]);
      const byPost = await client.send('POST', '/composite/sobjects/Account', { ids: [id], fields: ['Name'] });
      expect(byPost.json).toEqual([{ attributes: expect.any(Object), Name: 'R1' }]);
      expect((await client.get(`/composite/sobjects/Account?ids=${id}`)).status).toBe(400);
    });
  });
});
