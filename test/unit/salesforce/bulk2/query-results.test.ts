import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiCallEvent, QueryResultPage, SalesforceClient } from '../../../../salesforce/index.js';
import { captureLogs } from '../fake-salesforce.js';
import { API_VERSION, bulkClient, FakeBulkOrg } from './fake-bulk-org.js';

const columns = ['Id', 'Name', 'Description', 'Account.Name', 'Amount', 'IsDeleted'];
const rows: Array<Array<string | null>> = [
  ['006000000000001AAA', 'Acme, Inc.', 'plain', 'Parent', '12.5', 'false'],
  ['006000000000002AAA', 'Say "hi"', 'line one\nline two', null, '0', 'false'],
  ['006000000000003AAA', 'Rocket 🚀', 'Ünïcödé 日本語 ✓', 'Émile', '-3', 'true'],
  ['006000000000004AAA', null, 'comma, "quote", and\r\nCRLF', '', '1e3', 'false'],
  ['006000000000005AAA', '  spaced  ', '"', ',', '7', 'false'],
  ['006000000000006AAA', 'Six', '', null, '6', 'false'],
  ['006000000000007AAA', 'Seven', 'last\n', 'x', '7.25', 'true'],
];
/** What the client must yield: every column, null read back as "" (Bulk CSV cannot tell them apart). */
const expected = rows.map((row) => Object.fromEntries(columns.map((column, at) => [column, row[at] ?? ''])));

let org: FakeBulkOrg;
let client: SalesforceClient;

beforeEach(async () => {
  org = await FakeBulkOrg.start();
  org.query = { columns, rows, inProgressPolls: 1 };
  ({ client } = bulkClient(org));
});
afterEach(() => org.close());

async function completedJob(target = client): Promise<string> {
  const { id } = await target.bulk2.createQueryJob('SELECT Id, Name, Description, Account.Name, Amount, IsDeleted FROM Opportunity');
  await target.bulk2.waitForQueryJob(id);
  return id;
}

async function readPages(pages: AsyncIterable<QueryResultPage>) {
  const read = [];
  for await (const page of pages) {
    const records = [];
    for await (const record of page.records) records.push(record);
    read.push({ locator: page.locator, nextLocator: page.nextLocator, numberOfRecords: page.numberOfRecords, records });
  }
  return read;
}

describe('queryResultPages', () => {
  it('streams a three-page result with quotes, commas, line breaks, emoji and nulls intact', async () => {
    const jobId = await completedJob();
    const pages = await readPages(client.bulk2.queryResultPages(jobId, { maxRecords: 3 }));
    expect(pages.map((page) => page.numberOfRecords)).toEqual([3, 3, 1]);
    expect(pages.flatMap((page) => page.records)).toEqual(expected);
    const [first, second, third] = pages;
    expect(first?.locator).toBeNull();
    expect(second?.locator).toBe(first?.nextLocator);
    expect(third?.locator).toBe(second?.nextLocator);
    expect(third?.nextLocator).toBeNull();
    const calls = org.requestsTo(/\/results$/);
    expect(calls.map((call) => call.query.get('locator'))).toEqual([null, first?.nextLocator, second?.nextLocator]);
    expect(calls.every((call) => call.query.get('maxRecords') === '3' && call.headers.accept === 'text/csv')).toBe(true);
  });

  it('resumes from a committed locator in a new client without fetching earlier pages again', async () => {
    const jobId = await completedJob();
    let committed: string | null = null;
    for await (const page of client.bulk2.queryResultPages(jobId, { maxRecords: 3 })) {
      for await (const _record of page.records) {
        // a sync writes the rows here, then commits them with page.nextLocator
      }
      committed = page.nextLocator;
      break; // the worker dies after committing the first page
    }
    const restarted = bulkClient(org).client;
    const fetchedBefore = org.requestsTo(/\/results$/).length;
    const pages = await readPages(restarted.bulk2.queryResultPages(jobId, { locator: committed, maxRecords: 3 }));
    expect(pages.map((page) => page.locator)).toEqual([committed, expect.any(String)]);
    expect(pages.flatMap((page) => page.records)).toEqual(expected.slice(3));
    expect(org.requestsTo(/\/results$/).slice(fetchedBefore)[0]?.query.get('locator')).toBe(committed);
    expect(org.requestsTo(/\/jobs\/query$/, 'POST')).toHaveLength(1);
  });

  it('fails loudly when a page does not hold the rows Sforce-NumberOfRecords announced', async () => {
    org.query.miscount = { offset: 3, by: 1 };
    const jobId = await completedJob();
    const pages = client.bulk2.queryResultPages(jobId, { maxRecords: 3 });
    await expect(readPages(pages)).rejects.toMatchObject({
      code: 'INVALID_RESPONSE',
      retryable: false,
      message: expect.stringMatching(/read 3 rows but Sforce-NumberOfRecords announced 4/),
    });
  });

  it('fails a page whose connection drops mid-body with a retryable error; the page is read again from its locator', async () => {
    org.query.cut = { offset: 3, afterChars: 150 };
    const jobId = await completedJob();
    let committed: string | null = null;
    const read: Array<Record<string, string>> = [];
    const readCommitting = async (locator: string | null) => {
      for await (const page of client.bulk2.queryResultPages(jobId, { maxRecords: 3, locator })) {
        const rowsOfPage = [];
        for await (const record of page.records) rowsOfPage.push(record);
        read.push(...rowsOfPage); // committed together with the locator
        committed = page.nextLocator;
      }
    };
    await expect(readCommitting(null)).rejects.toMatchObject({ code: 'NETWORK', retryable: true });
    expect(read).toEqual(expected.slice(0, 3));
    await readCommitting(committed);
    expect(read).toEqual(expected);
  });

  it('explains a 409 from reading results with another API version than the job', async () => {
    const jobId = await completedJob();
    const older = bulkClient(org, 'v61.0').client;
    await expect(readPages(older.bulk2.queryResultPages(jobId))).rejects.toMatchObject({
      code: 'API_VERSION_MISMATCH',
      retryable: false,
      message: expect.stringMatching(/can only be read with API v62\.0; this client is pinned to v61\.0/),
    });
  });

  it('refreshes the access token once when it expires between pages, and carries on', async () => {
    const jobId = await completedJob();
    const pages = client.bulk2.queryResultPages(jobId, { maxRecords: 3 })[Symbol.asyncIterator]();
    const first = await pages.next();
    for await (const _record of first.value!.records) org.expireTokens();
    const rest = await readPages({ [Symbol.asyncIterator]: () => pages });
    expect(rest.flatMap((page) => page.records)).toEqual(expected.slice(3));
    expect(org.tokensIssued).toBe(2);
    expect(org.requestsTo(/\/results$/)).toHaveLength(4); // page 2 twice: refused, then repeated with the new token
  });

  it('decodes gzip result pages as they stream', async () => {
    org.gzip = true;
    const jobId = await completedJob();
    const pages = await readPages(client.bulk2.queryResultPages(jobId, { maxRecords: 2 }));
    expect(pages.flatMap((page) => page.records)).toEqual(expected);
    expect(org.requestsTo(/\/results$/)[0]?.headers['accept-encoding']).toBe('gzip');
  });

  it('drops the unread rows of a page when the next page is requested', async () => {
    const jobId = await completedJob();
    const numbers: number[] = [];
    const last: Record<string, string>[] = [];
    for await (const page of client.bulk2.queryResultPages(jobId, { maxRecords: 3 })) {
      numbers.push(page.numberOfRecords);
      if (page.nextLocator === null) for await (const record of page.records) last.push(record);
    }
    expect(numbers).toEqual([3, 3, 1]);
    expect(last).toEqual(expected.slice(6));
  });

  it('logs and counts each result page as one API call, with its bytes, once its body is done', async () => {
    const logs = captureLogs();
    const observed = bulkClient(org, API_VERSION, logs.logger).client;
    const calls: ApiCallEvent[] = [];
    observed.usage.on('api-call', (call) => calls.push(call));
    const jobId = await completedJob(observed);
    await readPages(observed.bulk2.queryResultPages(jobId, { maxRecords: 3 }));
    const pageCalls = calls.filter((call) => call.route === '/jobs/query/{id}/results');
    expect(pageCalls.map((call) => call.status)).toEqual([200, 200, 200]);
    expect(pageCalls.every((call) => call.bytes > 100)).toBe(true);
    const lines = logs.lines().filter((line) => line.route === '/jobs/query/{id}/results');
    expect(lines.map((line) => [line.msg, line.apiUsage])).toEqual(Array(3).fill(['salesforce call', '10/15000']));
    expect(logs.text()).not.toContain('AQfakeToken');
  });

  it('lets the rows of a page be read only once', async () => {
    const jobId = await completedJob();
    for await (const page of client.bulk2.queryResultPages(jobId)) {
      for await (const _record of page.records) {
        // drain
      }
      expect(() => page.records[Symbol.asyncIterator]()).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });

  it('refuses to read results before the job is complete', async () => {
    org.query.inProgressPolls = 5;
    const { id } = await client.bulk2.createQueryJob('SELECT Id FROM Opportunity');
    await expect(readPages(client.bulk2.queryResultPages(id))).rejects.toMatchObject({ status: 400, errorCode: 'JOB_NOT_COMPLETE' });
  });
});

describe('bulk2.query', () => {
  it('creates the job, waits for it and streams every row across pages', async () => {
    const query = await client.bulk2.query('SELECT Id FROM Opportunity', { maxRecords: 2 });
    expect(query.job).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 7 });
    const read = [];
    for await (const record of query) read.push(record);
    expect(read).toEqual(expected);
    expect(org.requestsTo(/\/results$/)).toHaveLength(4);
  });

  it('types rows with a zod schema, and rejects a row that does not fit', async () => {
    const schema = z.object({ Id: z.string(), Amount: z.coerce.number(), IsDeleted: z.enum(['true', 'false']).transform((value) => value === 'true') });
    const query = await client.bulk2.query('SELECT Id, Amount, IsDeleted FROM Opportunity', { schema });
    const typed: Array<{ Id: string; Amount: number; IsDeleted: boolean }> = [];
    for await (const record of query) typed.push(record);
    expect(typed.map((record) => record.Amount)).toEqual([12.5, 0, -3, 1000, 7, 6, 7.25]);
    expect(typed.filter((record) => record.IsDeleted)).toHaveLength(2);

    const strict = await client.bulk2.query('SELECT Id FROM Opportunity', { schema: z.object({ Name: z.string().min(1) }) });
    const drain = async () => {
      for await (const _record of strict) {
        // the fourth row has a null Name
      }
    };
    await expect(drain()).rejects.toMatchObject({ code: 'INVALID_RESPONSE', message: expect.stringMatching(/row 3 of Bulk query job 750\w+ does not fit/) });
  });

  it('aborts its job when the wait is cancelled, since nobody else knows the job id', async () => {
    org.query.inProgressPolls = 50;
    const controller = new AbortController();
    const query = client.bulk2.query('SELECT Id FROM Opportunity', {
      signal: controller.signal,
      onPoll: (_job, attempt) => {
        if (attempt === 2) controller.abort();
      },
    });
    await expect(query).rejects.toMatchObject({ code: 'ABORTED' });
    expect([...org.queryJobs.values()].map((job) => job.state)).toEqual(['Aborted']);
  });

  it('surfaces a Failed job with its errorMessage', async () => {
    org.query.failWith = 'INVALID_FIELD: No such column Foo__c';
    await expect(client.bulk2.query('SELECT Foo__c FROM Opportunity')).rejects.toMatchObject({
      code: 'BULK_JOB_FAILED',
      message: expect.stringContaining('INVALID_FIELD: No such column Foo__c'),
    });
    expect(org.requestsTo(/\/jobs\/query\//, 'PATCH')).toHaveLength(0);
  });
});
