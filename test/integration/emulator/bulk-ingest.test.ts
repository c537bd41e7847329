import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock, startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { RestClient, request, type RestResponse } from './rest-client.js';

/** Long enough for any job below to finish with the timings this file starts the emulator with. */
const JOB_DONE_MS = 2000;
const MAX_UPLOAD_BYTES = 512 * 1024;

describe('Bulk API 2.0 ingest jobs', () => {
  const clock = createManualClock(Date.UTC(2024, 5, 1));
  let emulator: RunningEmulator;
  let client: RestClient;

  beforeAll(async () => {
    emulator = await startEmulator({
      clock, seed: 'Account=5', tokenTtlSeconds: 30 * 86_400,
      bulk: { ingest: { queuedMs: 500, processingMs: 1000, msPerThousandRecords: 0, maxUploadBytes: MAX_UPLOAD_BYTES } },
    });
    client = await RestClient.login(emulator.credentials);
  });
  afterAll(() => emulator.close());

  const createJob = (body: Record<string, unknown>) => client.send('POST', '/jobs/ingest', body);
  const upload = (id: string, csv: string | Buffer, contentType = 'text/csv') => request(client.url(`/jobs/ingest/${id}/batches`), {
    method: 'PUT', headers: { authorization: `Bearer ${client.token}`, 'content-type': contentType }, body: csv,
  });
  const results = (id: string, kind: string) => client.get(`/jobs/ingest/${id}/${kind}/`, { accept: 'text/csv' });

  /** Create, upload, close, and let the clock run until the job is done; the job info at the end. */
  async function runJob(job: Record<string, unknown>, csv: string): Promise<{ id: string; info: Record<string, unknown> }> {
    const created = await createJob(job);
    expect(created.status).toBe(200);
    const { id } = created.json as { id: string };
    expect((await upload(id, csv)).status).toBe(201);
    expect((await client.send('PATCH', `/jobs/ingest/${id}`, { state: 'UploadComplete' })).status).toBe(200);
    await emulator.admin.advanceClock(JOB_DONE_MS);
    return { id, info: (await client.get(`/jobs/ingest/${id}`)).json };
  }

  const records = async (soql: string) => (await client.query(soql, true)).json.records as Record<string, unknown>[];

  it('creates an Open job with a contentUrl that has no leading slash', async () => {
    const created = await createJob({ object: 'invoice__c', operation: 'upsert', externalIdFieldName: 'External_Id__c', lineEnding: 'LF', columnDelimiter: 'COMMA' });
    expect(created.status).toBe(200);
    expect(Object.keys(created.json)).toEqual([
      'id', 'operation', 'object', 'createdById', 'createdDate', 'systemModstamp', 'state', 'externalIdFieldName', 'concurrencyMode',
      'contentType', 'apiVersion', 'contentUrl', 'lineEnding', 'columnDelimiter',
    ]);
    expect(created.json).toMatchObject({
      id: expect.stringMatching(/^750/), object: 'Invoice__c', state: 'Open', externalIdFieldName: 'External_Id__c', apiVersion: 62,
      contentUrl: `services/data/v62.0/jobs/ingest/${created.json.id}/batches`,
    });
    const polled = (await client.get(`/jobs/ingest/${created.json.id}`)).json;
    expect(polled).toMatchObject({ state: 'Open', jobType: 'V2Ingest', contentUrl: created.json.contentUrl });
    expect(polled).not.toHaveProperty('numberRecordsProcessed');
  });

  it('inserts rows, each saved on its own, and writes the three result files in Salesforce\'s shape', async () => {
    const csv = 'Name,Description,NumberOfEmployees\n"Ingest, ""one""","multi\nline",5\n,no name,1\nIngest two 🚀,東京,\n';
    const created = await createJob({ object: 'Account', operation: 'insert' });
    const { id } = created.json;
    const put = await upload(id, csv);
    expect(put.status).toBe(201);
    expect(put.text).toBe('');
    const closed = await client.send('PATCH', `/jobs/ingest/${id}`, { state: 'UploadComplete' });
    expect(Object.keys(closed.json)).toEqual(['id', 'operation', 'object', 'createdById', 'createdDate', 'systemModstamp', 'state', 'concurrencyMode', 'contentType', 'apiVersion']);
    expect(closed.json.state).toBe('UploadComplete');
    expect((await client.get(`/jobs/ingest/${id}`)).json).toMatchObject({ state: 'UploadComplete', numberRecordsProcessed: 0 });
    await emulator.admin.advanceClock(500);
    expect((await client.get(`/jobs/ingest/${id}`)).json.state).toBe('InProgress');
    await emulator.admin.advanceClock(1000);
    const done = (await client.get(`/jobs/ingest/${id}`)).json;
    expect(done).toMatchObject({ state: 'JobComplete', jobType: 'V2Ingest', numberRecordsProcessed: 3, numberRecordsFailed: 1, retries: 0, totalProcessingTime: 1000 });
    expect(done).not.toHaveProperty('contentUrl');

    const success = await results(id, 'successfulResults');
    expect(success.headers.get('content-type')).toBe('text/csv');
    const successRows = parse<Record<string, string>>(success.text, { columns: true });
    expect(success.text.split('\n')[0]).toBe('"sf__Id","sf__Created",Name,Description,NumberOfEmployees');
    expect(success.text).toContain('","true","Ingest, ""one""","multi\nline",5\n');
    expect(successRows.map((row) => [row['sf__Created'], row['Name']])).toEqual([['true', 'Ingest, "one"'], ['true', 'Ingest two 🚀']]);
    const saved = await records(`SELECT Name, Description, NumberOfEmployees FROM Account WHERE Id IN ('${successRows.map((row) => row['sf__Id']).join("','")}') ORDER BY Name`);
    expect(saved.map(({ Name, Description, NumberOfEmployees }) => ({ Name, Description, NumberOfEmployees }))).toEqual([
      { Name: 'Ingest two 🚀', Description: '東京', NumberOfEmployees: null },
      { Name: 'Ingest, "one"', Description: 'multi\nline', NumberOfEmployees: 5 },
    ]);

    expect((await results(id, 'failedResults')).text)
      .toBe('"sf__Id","sf__Error",Name,Description,NumberOfEmployees\n"","REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --",,no name,1\n');
    expect((await results(id, 'unprocessedrecords')).text).toBe('Name,Description,NumberOfEmployees\n');
  });

  it('leaves a field unchanged for an empty cell and sets it null for #N/A on update', async () => {
    const [id] = await emulator.admin.insertRecords('Account', [{ Name: 'Update me', Phone: '555-0100', Website: 'https://example.com', NumberOfEmployees: 7 }]);
    const { info, id: jobId } = await runJob({ object: 'Account', operation: 'update' }, `Id,Phone,Website,NumberOfEmployees\n${id},,#N/A,8\n001Em0000000zzzIAA,x,,\n003Em0000000001IAA,x,,\nnot-an-id,x,,\n`);
    expect(info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 4, numberRecordsFailed: 3 });
    expect((await records(`SELECT Phone, Website, NumberOfEmployees FROM Account WHERE Id = '${id}'`))[0])
      .toMatchObject({ Phone: '555-0100', Website: null, NumberOfEmployees: 8 });
    const failed = parse<Record<string, string>>((await results(jobId, 'failedResults')).text, { columns: true });
    expect(failed.map((row) => [row['sf__Id'], row['sf__Error']])).toEqual([
      ['001Em0000000zzzIAA', 'INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--'],
      ['003Em0000000001IAA', 'MALFORMED_ID:Account ID: id value of incorrect type: 003Em0000000001IAA:Id --'],
      ['', 'MALFORMED_ID:Account ID: id value of incorrect type: not-an-id:Id --'],
    ]);
  });

  it('upserts by external ID, reporting created true or false, and resolves lookups by a parent\'s external ID', async () => {
    await emulator.admin.insertRecords('Invoice__c', [{ Name: 'Existing', External_Id__c: 'INV-1', Amount__c: 1 }]);
    const { id, info } = await runJob(
      { object: 'Invoice__c', operation: 'upsert', externalIdFieldName: 'External_Id__c' },
      'External_Id__c,Name,Amount__c,Paid__c,Issued_Date__c\nINV-1,Existing,2.5,true,2024-05-31\nINV-2,New,1e3,false,\n,Keyless,1,false,\nINV-3,Bad amount,lots,false,\n',
    );
    expect(info).toMatchObject({ numberRecordsProcessed: 4, numberRecordsFailed: 2 });
    const success = parse<Record<string, string>>((await results(id, 'successfulResults')).text, { columns: true });
    expect(success.map((row) => [row['External_Id__c'], row['sf__Created']])).toEqual([['INV-1', 'false'], ['INV-2', 'true']]);
    expect(await records("SELECT External_Id__c, Amount__c, Paid__c, Issued_Date__c FROM Invoice__c WHERE External_Id__c IN ('INV-1', 'INV-2') ORDER BY External_Id__c"))
      .toMatchObject([
        { External_Id__c: 'INV-1', Amount__c: 2.5, Paid__c: true, Issued_Date__c: '2024-05-31' },
        { External_Id__c: 'INV-2', Amount__c: 1000, Paid__c: false, Issued_Date__c: null },
      ]);
    const failed = parse<Record<string, string>>((await results(id, 'failedResults')).text, { columns: true });
    expect(failed.map((row) => row['sf__Error'])).toEqual([
      'MISSING_ARGUMENT:External_Id__c not specified:--',
      "Failed to deserialize field at col 3. Due to, 'lots' is not a valid value for the type xsd:double",
    ]);

    await emulator.admin.insertRecords('Contact', [{ LastName: 'Parent', Legacy_Id__c: 'LEG-1' }]);
    const cases = await runJob({ object: 'Case', operation: 'insert' }, 'Subject,Contact.Legacy_Id__c\nLinked,LEG-1\nDangling,LEG-404\n');
    expect(cases.info).toMatchObject({ numberRecordsProcessed: 2, numberRecordsFailed: 1 });
    expect((await records("SELECT Contact.LastName FROM Case WHERE Subject = 'Linked'"))[0]).toMatchObject({ Contact: { LastName: 'Parent' } });
    expect(parse((await results(cases.id, 'failedResults')).text, { columns: true })).toEqual([{
      sf__Id: '', sf__Error: 'INVALID_FIELD:Foreign key external ID: LEG-404 not found for field Legacy_Id__c in entity Contact:--',
      Subject: 'Dangling', 'Contact.Legacy_Id__c': 'LEG-404',
    }]);
  });

  it('deletes to the recycle bin, hard-deletes for good, and reports records already deleted', async () => {
    const [soft, hard] = await emulator.admin.insertRecords('Account', [{ Name: 'Soft delete' }, { Name: 'Hard delete' }]);
    const deleted = await runJob({ object: 'Account', operation: 'delete' }, `Id,Name\n${soft},ignored\n`);
    expect(deleted.info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 1, numberRecordsFailed: 0 });
    expect((await results(deleted.id, 'successfulResults')).text).toBe(`"sf__Id","sf__Created",Id,Name\n"${soft}","false",${soft},ignored\n`);
    const hardDeleted = await runJob({ object: 'Account', operation: 'hardDelete' }, `Id\n${hard}\n${soft}\n`);
    expect(hardDeleted.info).toMatchObject({ numberRecordsProcessed: 2, numberRecordsFailed: 1 });
    expect((await results(hardDeleted.id, 'failedResults')).text).toBe(`"sf__Id","sf__Error",Id\n"${soft}","ENTITY_IS_DELETED:entity is deleted:--",${soft}\n`);
    expect((await records(`SELECT Id, IsDeleted FROM Account WHERE Id IN ('${soft}', '${hard}')`))).toEqual([
      expect.objectContaining({ Id: soft, IsDeleted: true }),
    ]);
  });

  it('reads the job\'s column delimiter and line ending, and fails a file with another line ending', async () => {
    const tabbed = await runJob({ object: 'Account', operation: 'insert', columnDelimiter: 'TAB', lineEnding: 'CRLF' }, 'Name\tDescription\r\nTabbed, with comma\t"quoted\ttab"\r\n');
    expect(tabbed.info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 1, numberRecordsFailed: 0 });
    expect((await results(tabbed.id, 'successfulResults')).text).toMatch(/^"sf__Id"\t"sf__Created"\tName\tDescription\r\n"001\w+"\t"true"\tTabbed, with comma\t"quoted\ttab"\r\n$/);
    const mismatched = await runJob({ object: 'Account', operation: 'insert' }, 'Name\r\nWindows\r\n');
    expect(mismatched.info).toMatchObject({
      state: 'Failed', errorMessage: 'ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF', numberRecordsProcessed: 0,
    });
    expect((await results(mismatched.id, 'unprocessedrecords')).text).toBe('Name\r\nWindows\r\n');
  });

  it('fails a job whose header names a field the object does not have', async () => {
    const { id, info } = await runJob({ object: 'Account', operation: 'insert' }, 'Name,Foo__c\nA,1\n');
    expect(info).toMatchObject({ state: 'Failed', errorMessage: 'InvalidBatch : Field name not found : Foo__c' });
    expect((await results(id, 'unprocessedRecords')).text).toBe('Name,Foo__c\nA,1\n');
  });

  it('refuses a second upload, an upload over the size limit, and an upload to a closed job', async () => {
    const { json: job } = await createJob({ object: 'Account', operation: 'insert' });
    expect((await upload(job.id, 'a'.repeat(MAX_UPLOAD_BYTES))).status).toBe(413);
    expect((await upload(job.id, 'Name\nFirst\n')).status).toBe(201);
    const second = await upload(job.id, 'Name\nSecond\n');
    expect(second.status).toBe(400);
    expect(JSON.parse(second.text)[0]).toMatchObject({ errorCode: 'BULK_API_ERROR', message: expect.stringMatching(/^Found multipe contents for job: <750\w{12}>/) });
    expect((await upload(job.id, '{"a":1}', 'application/json')).status).toBe(415);
    await client.send('PATCH', `/jobs/ingest/${job.id}`, { state: 'UploadComplete' });
    expect(JSON.parse((await upload(job.id, 'Name\nLate\n')).text)[0].errorCode).toBe('INVALIDJOBSTATE');
    await emulator.admin.advanceClock(JOB_DONE_MS);
  });

  it('aborts an Open job, leaving every uploaded row unprocessed', async () => {
    const { json: job } = await createJob({ object: 'Account', operation: 'insert' });
    await upload(job.id, 'Name\nNever one\nNever two\n');
    const aborted = await client.send('PATCH', `/jobs/ingest/${job.id}`, { state: 'Aborted' });
    expect(aborted.json).toMatchObject({ state: 'Aborted' });
    expect((await results(job.id, 'unprocessedrecords')).text).toBe('Name\nNever one\nNever two\n');
    expect((await records("SELECT Id FROM Account WHERE Name LIKE 'Never %'"))).toEqual([]);
    expect((await client.send('PATCH', `/jobs/ingest/${job.id}`, { state: 'UploadComplete' })).json[0].errorCode).toBe('INVALIDJOBSTATE');
  });

  it('refuses bad job requests as Salesforce words them', async () => {
    expect((await createJob({ object: 'Widget', operation: 'insert' })).json).toEqual([{ errorCode: 'INVALIDJOB', message: 'InvalidJob : Unable to find object: Widget' }]);
    expect((await createJob({ object: 'Account', operation: 'merge' })).json).toEqual([{ errorCode: 'API_ERROR', message: "Invalid value: 'merge' supplied for property: 'operation'" }]);
    expect((await createJob({ object: 'Contact', operation: 'upsert' })).json)
      .toEqual([{ errorCode: 'INVALIDJOB', message: 'InvalidJob : External ID was blank for Contact. An External ID must be specified for upsert.' }]);
    expect((await createJob({ object: 'Contact', operation: 'upsert', externalIdFieldName: 'Email' })).json)
      .toEqual([{ errorCode: 'INVALIDJOB', message: 'InvalidJob : Field name provided, Email does not match an External ID for Contact' }]);
    expect((await client.send('PATCH', '/jobs/ingest/750Em0000000zzzIAA', { state: 'Aborted' })).status).toBe(404);
  });

  it('lists ingest jobs and deletes one that is not Open with 204', async () => {
    const { json: open } = await createJob({ object: 'Account', operation: 'insert' });
    const list: RestResponse = await client.get('/jobs/ingest');
    expect(list.json).toMatchObject({ done: true, nextRecordsUrl: null });
    expect(list.json.records).toContainEqual(expect.objectContaining({ id: open.id, jobType: 'V2Ingest', state: 'Open', contentUrl: open.contentUrl }));
    expect((await client.send('DELETE', `/jobs/ingest/${open.id}`)).json[0].errorCode).toBe('INVALIDJOBSTATE');
    await client.send('PATCH', `/jobs/ingest/${open.id}`, { state: 'Aborted' });
    expect((await client.send('DELETE', `/jobs/ingest/${open.id}`)).status).toBe(204);
    expect((await client.get(`/jobs/ingest/${open.id}`)).status).toBe(404);
  });

  it('counts one DailyBulkApiBatches batch per 10,000 records processed', async () => {
    const before = (await client.get('/limits')).json.DailyBulkApiBatches.Remaining;
    const rows = Array.from({ length: 10_001 }, (_, index) => `Batch ${index}`).join('\n');
    const { info } = await runJob({ object: 'Account', operation: 'insert' }, `Name\n${rows}\n`);
    expect(info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 10_001 });
    expect(before - (await client.get('/limits')).json.DailyBulkApiBatches.Remaining).toBe(2);
  });
});
