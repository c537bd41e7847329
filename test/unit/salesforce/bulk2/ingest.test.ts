import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IngestRecordResult, SalesforceClient } from '../../../../salesforce/index.js';
import { bulkClient, FakeBulkOrg } from './fake-bulk-org.js';

let org: FakeBulkOrg;
let client: SalesforceClient;

beforeEach(async () => {
  org = await FakeBulkOrg.start();
  ({ client } = bulkClient(org));
});
afterEach(() => org.close());

async function collect(results: AsyncIterable<IngestRecordResult>): Promise<IngestRecordResult[]> {
  const all: IngestRecordResult[] = [];
  for await (const result of results) all.push(result);
  return all.sort((a, b) => (a.index ?? -1) - (b.index ?? -1));
}

/** Yields records lazily and counts how many were taken. */
function counted<T>(records: readonly T[]): { records: AsyncIterable<T>; taken: () => number } {
  let taken = 0;
  return {
    taken: () => taken,
    records: (async function* () {
      for (const record of records) {
        taken += 1;
        yield await Promise.resolve(record);
      }
    })(),
  };
}

describe('bulk2.ingest', () => {
  it('uploads CSV (null as #N/A, absent as empty), waits, and matches every result to its input record', async () => {
    org.ingest.inProgressPolls = 3;
    const records = [
      { Name: 'Acme, "the" company', Description: 'line one\nline two', Phone: null },
      { Name: 'Rocket 🚀 日本語', Description: undefined, Phone: '+1 415 555 0100' },
      { Name: 'Plain', Phone: '1' },
    ];
    const outcome = await client.bulk2.ingest({ object: 'Account', operation: 'insert' }, records);
    expect(outcome.stopped).toBe(false);
    expect(outcome.jobs).toEqual([
      expect.objectContaining({ state: 'JobComplete', firstIndex: 0, recordsUploaded: 3, numberRecordsProcessed: 3, numberRecordsFailed: 0, errorMessage: null }),
    ]);
    const [job] = [...org.ingestJobs.values()];
    expect(job?.uploads).toEqual(['Name,Description,Phone\n"Acme, ""the"" company","line one\nline two",#N/A\nRocket 🚀 日本語,,+1 415 555 0100\nPlain,,1\n']);
    expect(JSON.parse(org.requestsTo(/\/jobs\/ingest$/, 'POST')[0]!.body)).toEqual({ object: 'Account', operation: 'insert', contentType: 'CSV', lineEnding: 'LF', columnDelimiter: 'COMMA' });
    expect(org.requestsTo(/\/batches$/, 'PUT')[0]?.headers['content-type']).toBe('text/csv');
    expect(org.requestsTo(/\/jobs\/ingest\/750\w+$/, 'PATCH').map((request) => JSON.parse(request.body))).toEqual([{ state: 'UploadComplete' }]);

    const results = await collect(outcome.results());
    expect(results.map((result) => [result.index, result.status, result.fields.Name])).toEqual([
      [0, 'succeeded', 'Acme, "the" company'],
      [1, 'succeeded', 'Rocket 🚀 日本語'],
      [2, 'succeeded', 'Plain'],
    ]);
    expect(results[0]).toMatchObject({ jobId: job?.id, id: expect.stringMatching(/^001\w{15}$/), created: true, fields: { Phone: '#N/A' } });
    // Nothing failed and nothing was left unprocessed, so those results are not fetched.
    expect(org.requestsTo(/failedResults|unprocessedrecords/)).toHaveLength(0);
  });

  it('splits the input across jobs under the upload size limit, one PUT per job, one job at a time', async () => {
    const records = Array.from({ length: 60 }, (_, index) => ({ Id: `001${String(index).padStart(12, '0')}AAA`, Name: `Account ${index}` }));
    const outcome = await client.bulk2.ingest({ object: 'Account', operation: 'update' }, records, { maxUploadBytes: 400 });
    expect(outcome.jobs.length).toBeGreaterThan(3);
    const jobs = [...org.ingestJobs.values()];
    expect(jobs.map((job) => job.uploads.length)).toEqual(jobs.map(() => 1));
    expect(jobs.every((job) => Buffer.byteLength(job.uploads[0]!) <= 400)).toBe(true);
    expect(outcome.jobs.reduce((sum, job) => sum + job.recordsUploaded, 0)).toBe(60);
    // Each job is closed and finished before the next one is created.
    const order = org.requests.filter((request) => request.path.includes('/jobs/ingest')).map((request) => `${request.method} ${request.path.split('/').at(-1)}`);
    expect(order.slice(0, 5)).toEqual(['POST ingest', expect.stringMatching(/^PUT batches/), expect.stringMatching(/^PATCH 750/), expect.stringMatching(/^GET 750/), 'POST ingest']);

    const results = await collect(outcome.results());
    expect(results.map((result) => result.index)).toEqual(records.map((_, index) => index));
    expect(results.every((result) => result.status === 'succeeded' && result.id === records[result.index!]?.Id && !result.created)).toBe(true);
  });

  it('matches failed and unprocessed rows of a Failed job to their input, and reads no further input', async () => {
    org.ingest.outcome = (row) => (row.Name?.startsWith('bad') ? { error: 'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --' } : {});
    org.ingest.failAfter = { rows: 4, message: 'InvalidBatch : Failed to process query: batch retried 20 times' };
    const names = ['ok 0', 'bad 1', 'ok 2', 'bad 3', 'ok 4', 'ok 5', 'ok 6', 'ok 7'];
    const input = counted(names.map((Name) => ({ Name })));
    const outcome = await client.bulk2.ingest({ object: 'Account', operation: 'insert' }, input.records, { maxUploadBytes: 40 });
    expect(outcome.stopped).toBe(true);
    expect(outcome.jobs).toEqual([
      expect.objectContaining({ state: 'Failed', errorMessage: 'InvalidBatch : Failed to process query: batch retried 20 times', recordsUploaded: 6, numberRecordsFailed: 2 }),
    ]);
    expect(input.taken()).toBe(7); // the seventh record opened the next batch, which was never uploaded

    const results = await collect(outcome.results());
    expect(results.map((result) => [result.index, result.status])).toEqual([
      [0, 'succeeded'],
      [1, 'failed'],
      [2, 'succeeded'],
      [3, 'failed'],
      [4, 'unprocessed'],
      [5, 'unprocessed'],
    ]);
    expect(results[1]).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING', error: 'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --', id: null, fields: { Name: 'bad 1' } });
  });

  it('upserts by external id with a TAB delimiter and CRLF line endings, and still matches results', async () => {
    const records = [
      { Ext__c: 'e-1', Name: 'tab\there' },
      { Ext__c: 'e-2', Name: 'two' },
    ];
    const spec = { object: 'Account', operation: 'upsert', externalIdFieldName: 'Ext__c', columnDelimiter: 'TAB', lineEnding: 'CRLF' } as const;
    const outcome = await client.bulk2.ingest(spec, records);
    expect(JSON.parse(org.requestsTo(/\/jobs\/ingest$/, 'POST')[0]!.body)).toMatchObject({ externalIdFieldName: 'Ext__c', columnDelimiter: 'TAB', lineEnding: 'CRLF' });
    expect([...org.ingestJobs.values()][0]?.uploads[0]).toBe('Ext__c\tName\r\ne-1\t"tab\there"\r\ne-2\ttwo\r\n');
    const results = await collect(outcome.results());
    expect(results.map((result) => [result.index, result.status, result.fields.Name])).toEqual([
      [0, 'succeeded', 'tab\there'],
      [1, 'succeeded', 'two'],
    ]);
  });

  it('matches identical input rows one result each', async () => {
    org.ingest.outcome = () => ({ error: 'DUPLICATE_VALUE:duplicate value found:Ext__c --' });
    const outcome = await client.bulk2.ingest({ object: 'Contact', operation: 'insert' }, [{ LastName: 'Same' }, { LastName: 'Same' }, { LastName: 'Other' }]);
    const results = await collect(outcome.results());
    expect(results.map((result) => [result.index, result.status])).toEqual([
      [0, 'failed'],
      [1, 'failed'],
      [2, 'failed'],
    ]);
    expect(org.requestsTo(/successfulResults/)).toHaveLength(0);
  });

  it('needs externalIdFieldName for an upsert', async () => {
    await expect(client.bulk2.ingest({ object: 'Account', operation: 'upsert' }, [{ Name: 'x' }])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(org.ingestJobs.size).toBe(0);
  });

  it('never repeats a failed upload; it aborts the job and reports the failure', async () => {
    org.ingest.uploadStatus = 500;
    await expect(client.bulk2.ingest({ object: 'Account', operation: 'insert' }, [{ Name: 'x' }])).rejects.toMatchObject({ code: 'UNKNOWN_EXCEPTION', status: 500 });
    expect(org.requestsTo(/\/batches$/, 'PUT')).toHaveLength(1);
    expect([...org.ingestJobs.values()].map((job) => job.state)).toEqual(['Aborted']);
  });

  it('refreshes the token once when it expires while the job runs', async () => {
    org.ingest.inProgressPolls = 4;
    const outcome = await client.bulk2.ingest({ object: 'Account', operation: 'insert' }, [{ Name: 'x' }], {
      onPoll: (_job, attempt) => {
        if (attempt === 1) org.expireTokens();
      },
    });
    expect(outcome.jobs[0]?.state).toBe('JobComplete');
    expect(org.tokensIssued).toBe(2);
  });
});
