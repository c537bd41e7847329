import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAdmin, createManualClock, startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { RestClient, type RestResponse } from './rest-client.js';

const DAY_MS = 86_400_000;
/** Long enough for any job below to finish with the timings this file starts the emulator with. */
const JOB_DONE_MS = 2000;

/** Values that break naive CSV: quotes, delimiters, line breaks, non-Latin text, emoji, and empty fields. */
const TRICKY_ACCOUNTS = [
  { Name: 'BULK-1 "Quoted", with commas', Description: 'line one\nline two\r\nline three', NumberOfEmployees: 12, Is_Partner__c: true },
  { Name: 'BULK-2 Zürich Straße', Description: null, NumberOfEmployees: null, Segments__c: 'SMB;Enterprise', Customer_Since__c: '2019-12-31' },
  { Name: 'BULK-3 東京 株式会社', Description: 'Ελληνικά, العربية, עברית', BillingLatitude: -33.8688, Website: 'https://example.com/?a=1&b="2"' },
  { Name: 'BULK-4 emoji 🚀🎉', Description: '👩‍💻 "dev", ok', Phone: '+1 (555) 010-0000' },
  { Name: 'BULK-5 trailing space ', Description: ',,,', NumberOfEmployees: 0 },
  { Name: 'BULK-6 tab\there', Description: '"', Is_Partner__c: false },
  { Name: 'BULK-7 last', Description: '', CreatedDate: '2021-08-31T01:31:13Z' },
];
const TRICKY_FIELDS = ['Id', 'Name', 'Description', 'NumberOfEmployees', 'Is_Partner__c', 'Segments__c', 'Customer_Since__c', 'BillingLatitude', 'Website', 'Phone', 'CreatedDate', 'Owner.Name'];
const TRICKY_SOQL = `SELECT ${TRICKY_FIELDS.join(', ')} FROM Account WHERE Name LIKE 'BULK-%' ORDER BY Name`;

/** A REST JSON value as Bulk writes it in CSV: null as "", datetimes in the Z form, everything else as text. */
function asBulkText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/.test(value) ? value.replace('+0000', 'Z') : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`not a scalar: ${JSON.stringify(value)}`);
}

function csvRows(response: RestResponse): Record<string, string>[] {
  return parse<Record<string, string>>(response.text, { columns: true });
}

describe('Bulk API 2.0 query jobs', () => {
  const clock = createManualClock(Date.UTC(2024, 5, 1));
  let emulator: RunningEmulator;
  let client: RestClient;

  beforeAll(async () => {
    emulator = await startEmulator({
      clock, seed: 'Account=40,Contact=30', tokenTtlSeconds: 30 * 86_400,
      bulk: { query: { queuedMs: 500, processingMs: 1000, msPerThousandRecords: 0 } },
    });
    client = await RestClient.login(emulator.credentials);
    await emulator.admin.insertRecords('Account', TRICKY_ACCOUNTS);
  });
  afterAll(() => emulator.close());

  const createJob = (body: Record<string, unknown>) => client.send('POST', '/jobs/query', body);

  async function completedJob(query: string, extra: Record<string, unknown> = {}): Promise<string> {
    const created = await createJob({ operation: 'query', query, ...extra });
    expect(created.status).toBe(200);
    await emulator.admin.advanceClock(JOB_DONE_MS);
    expect((await client.get(`/jobs/query/${created.json.id}`)).json.state).toBe('JobComplete');
    return created.json.id as string;
  }

  it('creates a job in UploadComplete with Salesforce\'s job info: 750 ID, numeric apiVersion, +0000 datetimes, no jobType', async () => {
    const created = await createJob({ operation: 'query', query: 'SELECT Id FROM Account', contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' });
    expect(created.status).toBe(200);
    expect(created.headers.get('content-type')).toMatch(/^application\/json/);
    expect(created.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/15000$/);
    expect(Object.keys(created.json)).toEqual([
      'id', 'operation', 'object', 'createdById', 'createdDate', 'systemModstamp', 'state', 'concurrencyMode', 'contentType', 'apiVersion', 'lineEnding', 'columnDelimiter',
    ]);
    expect(created.json).toMatchObject({
      id: expect.stringMatching(/^750[0-9A-Za-z]{15}$/), operation: 'query', object: 'Account', createdById: expect.stringMatching(/^005/),
      createdDate: '2024-06-01T00:00:00.000+0000', state: 'UploadComplete', concurrencyMode: 'Parallel', contentType: 'CSV', apiVersion: 62,
      lineEnding: 'LF', columnDelimiter: 'COMMA',
    });
    expect(created.text).toContain('"apiVersion":62,');
  });

  it('goes InProgress and then JobComplete with the emulator clock; GET adds jobType and the counters', async () => {
    const { json: job } = await createJob({ operation: 'queryAll', query: 'SELECT Id FROM Contact' });
    const poll = async () => (await client.get(`/jobs/query/${job.id}`)).json;
    expect((await poll()).state).toBe('UploadComplete');
    await emulator.admin.advanceClock(500);
    expect(await poll()).toMatchObject({ state: 'InProgress', numberRecordsProcessed: 0 });
    await emulator.admin.advanceClock(1000);
    const done = await poll();
    expect(Object.keys(done)).toEqual([
      'id', 'operation', 'object', 'createdById', 'createdDate', 'systemModstamp', 'state', 'concurrencyMode', 'contentType', 'apiVersion',
      'jobType', 'lineEnding', 'columnDelimiter', 'numberRecordsProcessed', 'retries', 'totalProcessingTime',
    ]);
    expect(done).toMatchObject({ state: 'JobComplete', operation: 'queryAll', jobType: 'V2Query', numberRecordsProcessed: 30, retries: 0, totalProcessingTime: 1000 });
    expect(done.systemModstamp > done.createdDate).toBe(true);
  });

  it('pages a result of quotes, commas, line breaks, non-Latin text, emoji and nulls that parses back to the REST values', async () => {
    const id = await completedJob(TRICKY_SOQL);
    const pages: RestResponse[] = [];
    let locator: string | null = null;
    do {
      const page = await client.get(`/jobs/query/${id}/results?maxRecords=3${locator === null ? '' : `&locator=${locator}`}`, { accept: 'text/csv' });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/csv');
      pages.push(page);
      locator = page.headers.get('sforce-locator');
      expect(locator).not.toBeNull();
    } while (locator !== 'null');
    expect(pages.map((page) => page.headers.get('sforce-numberofrecords'))).toEqual(['3', '3', '1']);
    for (const page of pages) expect(page.text.split('\n')[0]).toBe(TRICKY_FIELDS.map((field) => `"${field}"`).join(','));
    const bulkRows = pages.flatMap(csvRows);
    const restRows = (await client.query(TRICKY_SOQL)).json.records as Record<string, unknown>[];
    expect(restRows).toHaveLength(7);
    expect(bulkRows).toEqual(restRows.map((record) => Object.fromEntries(TRICKY_FIELDS.map((field) => {
      const [head, tail] = field.split('.') as [string, string | undefined];
      const value = tail === undefined ? record[head] : (record[head] as Record<string, unknown> | null)?.[tail];
      return [field, asBulkText(value)];
    }))));
    expect(bulkRows[0]).toMatchObject({ Name: 'BULK-1 "Quoted", with commas', Description: 'line one\nline two\r\nline three', Is_Partner__c: 'true' });
    expect(bulkRows[6]).toMatchObject({ CreatedDate: '2021-08-31T01:31:13.000Z', Description: '', NumberOfEmployees: '' });
  });

  it('quotes every header and value in the raw CSV, null written as ""', async () => {
    const id = await completedJob("SELECT Name, Description, NumberOfEmployees FROM Account WHERE Name = 'BULK-7 last'");
    expect((await client.get(`/jobs/query/${id}/results`)).text).toBe('"Name","Description","NumberOfEmployees"\n"BULK-7 last","",""\n');
  });

  it('serves the same page again for the same locator, and keeps pages fixed when the org changes', async () => {
    const id = await completedJob("SELECT Id, Name FROM Account WHERE Name LIKE 'BULK-%' ORDER BY Name");
    const first = await client.get(`/jobs/query/${id}/results?maxRecords=4`);
    const locator = first.headers.get('sforce-locator') as string;
    const second = await client.get(`/jobs/query/${id}/results?maxRecords=4&locator=${locator}`);
    const ids = csvRows(second).map((row) => row['Id'] as string);
    await emulator.admin.updateRecords('Account', ids.map((Id) => ({ Id, Name: 'BULK-9 renamed' })));
    await emulator.admin.insertRecords('Account', [{ Name: 'BULK-0 newcomer' }]);
    const again = await client.get(`/jobs/query/${id}/results?maxRecords=4&locator=${locator}`);
    expect(again.text).toBe(second.text);
    expect(again.headers.get('sforce-locator')).toBe('null');
    expect((await client.get(`/jobs/query/${id}/results?maxRecords=4`)).text).toBe(first.text);
    await emulator.admin.updateRecords('Account', ids.map((Id, index) => ({ Id, Name: csvRows(second)[index]?.['Name'] })));
    await emulator.admin.deleteRecords('Account', [(await client.query("SELECT Id FROM Account WHERE Name = 'BULK-0 newcomer'")).json.records[0].Id]);
  });

  it('writes the job\'s column delimiter and line ending', async () => {
    const id = await completedJob("SELECT Name, NumberOfEmployees FROM Account WHERE Name = 'BULK-1 \"Quoted\", with commas'", { columnDelimiter: 'PIPE', lineEnding: 'CRLF' });
    expect((await client.get(`/jobs/query/${id}/results`)).text).toBe('"Name"|"NumberOfEmployees"\r\n"BULK-1 ""Quoted"", with commas"|"12"\r\n');
  });

  it('answers a results request before JobComplete with JOB_NOT_COMPLETE', async () => {
    const { json: job } = await createJob({ operation: 'query', query: 'SELECT Id FROM Account' });
    const early = await client.get(`/jobs/query/${job.id}/results`);
    expect(early.status).toBe(400);
    expect(early.json).toEqual([{
      errorCode: 'JOB_NOT_COMPLETE',
      message: 'can only download query results of successfully completed bulk job with status: JOB_COMPLETE. Current status: UPLOAD_COMPLETE',
    }]);
    await emulator.admin.advanceClock(JOB_DONE_MS);
  });

  it('answers results read with another API version than the job\'s with 409', async () => {
    const id = await completedJob('SELECT Id FROM Account');
    const older = new RestClient(client.baseUrl, client.token, '61.0');
    const conflict = await older.get(`/jobs/query/${id}/results`);
    expect(conflict.status).toBe(409);
    expect(conflict.json[0]).toMatchObject({ errorCode: 'API_ERROR', message: expect.stringContaining('62.0') });
    expect((await older.get(`/jobs/query/${id}`)).json.state).toBe('JobComplete');
  });

  it('refuses at creation the queries Bulk cannot run, with 400 API_ERROR', async () => {
    const refusal = async (query: string) => {
      const response = await createJob({ operation: 'query', query });
      expect(response.status).toBe(400);
      return response.json[0];
    };
    expect(await refusal('SELECT Id, BillingAddress FROM Account')).toEqual({ errorCode: 'API_ERROR', message: 'Selecting compound data not supported in Bulk Query' });
    expect(await refusal('SELECT COUNT() FROM Account')).toMatchObject({ errorCode: 'API_ERROR', message: expect.stringContaining('Aggregate') });
    expect(await refusal('SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry')).toMatchObject({ errorCode: 'API_ERROR' });
    expect(await refusal('SELECT Id, (SELECT Id FROM Contacts) FROM Account'))
      .toEqual({ errorCode: 'API_ERROR', message: 'Aggregate Relationships not supported in Bulk V2 Query with CSV content type' });
    expect(await refusal('SELECT Id FROM Account OFFSET 5')).toMatchObject({ errorCode: 'API_ERROR' });
    expect(await refusal('SELECT Nope FROM Account')).toMatchObject({ errorCode: 'INVALID_FIELD', message: expect.stringContaining("No such column 'Nope'") });
    expect((await createJob({ operation: 'query', query: 'SELECT Id FROM Account LIMIT 5' })).status).toBe(200);
    expect((await createJob({ operation: 'query', query: 'SELECT Id FROM Account ORDER BY Name DESC' })).status).toBe(200);
  });

  it('refuses a malformed job request', async () => {
    expect((await createJob({ operation: 'insert', query: 'SELECT Id FROM Account' })).json)
      .toEqual([{ errorCode: 'API_ERROR', message: "Invalid value: 'insert' supplied for property: 'operation'" }]);
    expect((await createJob({ operation: 'query' })).json[0]).toMatchObject({ errorCode: 'API_ERROR', message: "Invalid value: '' supplied for property: 'query'" });
    expect((await createJob({ operation: 'query', query: 'SELECT Id FROM Account', columnDelimiter: 'SPACE' })).status).toBe(400);
    expect((await createJob({ operation: 'query', query: 'SELECT Id FROM Account', contentType: 'JSON' })).status).toBe(400);
  });

  it('aborts with PATCH, deletes with 204, and answers unknown jobs with 404 NOT_FOUND', async () => {
    const { json: job } = await createJob({ operation: 'query', query: 'SELECT Id FROM Account' });
    await emulator.admin.advanceClock(600);
    const running = await client.send('DELETE', `/jobs/query/${job.id}`);
    expect(running.status).toBe(400);
    expect(running.json[0].errorCode).toBe('INVALIDJOBSTATE');
    const aborted = await client.send('PATCH', `/jobs/query/${job.id}`, { state: 'Aborted' });
    expect(aborted.status).toBe(200);
    expect(aborted.json).toMatchObject({ id: job.id, state: 'Aborted' });
    expect((await client.send('PATCH', `/jobs/query/${job.id}`, { state: 'Aborted' })).json[0].errorCode).toBe('INVALIDJOBSTATE');
    const deleted = await client.send('DELETE', `/jobs/query/${job.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect(await client.get(`/jobs/query/${job.id}`)).toMatchObject({ status: 404, json: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] });
    expect((await client.get('/jobs/query/750Em0000000zzzIAA/results')).status).toBe(404);
  });

  it('lists query jobs with done and nextRecordsUrl', async () => {
    const list = await client.get('/jobs/query');
    expect(list.status).toBe(200);
    expect(Object.keys(list.json)).toEqual(['done', 'records', 'nextRecordsUrl']);
    expect(list.json).toMatchObject({ done: true, nextRecordsUrl: null });
    expect(list.json.records.length).toBeGreaterThan(3);
    expect(list.json.records[0]).toMatchObject({ jobType: 'V2Query', concurrencyMode: 'Parallel', apiVersion: 62 });
    expect((await client.get('/jobs/query?jobType=Classic')).json.records).toEqual([]);
  });

  it('rejects a locator the job never handed out', async () => {
    const id = await completedJob('SELECT Id FROM Account LIMIT 2');
    expect((await client.get(`/jobs/query/${id}/results?locator=garbage!`)).status).toBe(400);
    expect((await client.get(`/jobs/query/${id}/results?maxRecords=0`)).status).toBe(400);
  });

  it('counts every Bulk call as an API request and each job against DailyBulkV2QueryJobs', async () => {
    const before = (await client.get('/limits')).json;
    await emulator.admin.resetCallCounts();
    const id = await completedJob('SELECT Id FROM Account LIMIT 1');
    await client.get(`/jobs/query/${id}/results`);
    const after = (await client.get('/limits')).json;
    // create, poll, results, and the /limits read itself.
    expect(before.DailyApiRequests.Remaining - after.DailyApiRequests.Remaining).toBe(4);
    expect(before.DailyBulkV2QueryJobs.Remaining - after.DailyBulkV2QueryJobs.Remaining).toBe(1);
    expect(after.DailyBulkV2QueryJobs.Max).toBe(10_000);
    expect(after.DailyBulkV2QueryFileStorageMB).toEqual({ Max: 976_562, Remaining: expect.any(Number) });
    expect(await emulator.admin.callCounts()).toMatchObject({
      'POST /services/data/:version/jobs/query': 1,
      'GET /services/data/:version/jobs/query/:jobId': 1,
      'GET /services/data/:version/jobs/query/:jobId/results': 1,
    });
  });

  describe('faults', () => {
    it('ends a job Failed with the errorMessage an admin rule gives, over HTTP too', async () => {
      const admin = connectAdmin(emulator.url);
      await admin.addBulkJobFaults([{ jobType: 'query', times: 1, fault: { kind: 'fail', errorMessage: 'InternalServerError : Retried more than 15 times' } }]);
      const { json: job } = await createJob({ operation: 'query', query: 'SELECT Id FROM Account' });
      await emulator.admin.advanceClock(JOB_DONE_MS);
      const failed = (await client.get(`/jobs/query/${job.id}`)).json;
      expect(failed).toMatchObject({ state: 'Failed', errorMessage: 'InternalServerError : Retried more than 15 times' });
      expect(Object.keys(failed).indexOf('errorMessage')).toBe(Object.keys(failed).indexOf('state') + 1);
      expect((await client.get(`/jobs/query/${job.id}/results`)).json[0].errorCode).toBe('JOB_NOT_COMPLETE');
      expect(await admin.bulkJobs()).toContainEqual(expect.objectContaining({ id: job.id, jobType: 'query', state: 'Failed', deleted: false }));
    });

    it('keeps a held job InProgress for days until it is released', async () => {
      await emulator.admin.addBulkJobFaults([{ times: 1, fault: { kind: 'hold' } }]);
      const { json: job } = await createJob({ operation: 'query', query: 'SELECT Id FROM Account' });
      await emulator.admin.advanceClock(3 * DAY_MS);
      expect((await client.get(`/jobs/query/${job.id}`)).json.state).toBe('InProgress');
      await connectAdmin(emulator.url).releaseBulkJob(job.id);
      await emulator.admin.advanceClock(JOB_DONE_MS);
      expect((await client.get(`/jobs/query/${job.id}`)).json.state).toBe('JobComplete');
    });
  });
});

describe('Bulk API 2.0 query job limits', () => {
  it('refuses a query job over DailyBulkV2QueryJobs with 400 LIMIT_EXCEEDED', async () => {
    const emulator = await startEmulator({ seed: 'Account=3', limits: { dailyBulkV2QueryJobs: 1 } });
    try {
      const client = await RestClient.login(emulator.credentials);
      expect((await client.send('POST', '/jobs/query', { operation: 'query', query: 'SELECT Id FROM Account' })).status).toBe(200);
      const refused = await client.send('POST', '/jobs/query', { operation: 'query', query: 'SELECT Id FROM Account' });
      expect(refused.status).toBe(400);
      expect(refused.json).toEqual([{ errorCode: 'LIMIT_EXCEEDED', message: 'Max bulk v2 query jobs (1) per 24 hrs has been reached (2)' }]);
      expect((await client.get('/limits')).json.DailyBulkV2QueryJobs).toEqual({ Max: 1, Remaining: 0 });
    } finally {
      await emulator.close();
    }
  });
});
