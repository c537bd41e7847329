import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSalesforceError } from '../../../../salesforce/index.js';
import type { QueryJobInfo } from '../../../../salesforce/index.js';
import { bulkClient, FakeBulkOrg } from './fake-bulk-org.js';

let org: FakeBulkOrg;

beforeEach(async () => {
  org = await FakeBulkOrg.start();
  org.query = { columns: ['Id'], rows: [['001000000000001AAA']], inProgressPolls: 0 };
});
afterEach(() => org.close());

describe('query jobs', () => {
  it('creates a query or queryAll job as CSV, COMMA, LF; it starts in UploadComplete with a numeric apiVersion', async () => {
    const { client } = bulkClient(org);
    const job = await client.bulk2.createQueryJob('SELECT Id FROM Account');
    const all = await client.bulk2.createQueryJob('SELECT Id FROM Account', { all: true });
    expect(job).toMatchObject({ state: 'UploadComplete', operation: 'query', object: 'Account', apiVersion: 62 });
    expect(all.operation).toBe('queryAll');
    const [first, second] = org.requestsTo(/\/jobs\/query$/, 'POST');
    expect(JSON.parse(first!.body)).toEqual({ operation: 'query', query: 'SELECT Id FROM Account', contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' });
    expect(JSON.parse(second!.body).operation).toBe('queryAll');
  });

  it('reads, aborts and deletes a job', async () => {
    const { client } = bulkClient(org);
    const { id } = await client.bulk2.createQueryJob('SELECT Id FROM Account');
    await expect(client.bulk2.abortQueryJob(id)).resolves.toMatchObject({ id, state: 'Aborted' });
    await expect(client.bulk2.getQueryJob(id)).resolves.toMatchObject({ state: 'Aborted', jobType: 'V2Query' });
    await client.bulk2.deleteQueryJob(id);
    await expect(client.bulk2.getQueryJob(id)).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  it('refuses a job id that is not a Salesforce id before sending anything', async () => {
    const { client } = bulkClient(org);
    await expect(client.bulk2.getQueryJob('../sobjects/Account')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(org.requests).toHaveLength(0);
  });
});

describe('waitForQueryJob', () => {
  it('waits out a job that stays InProgress for hours, polling at growing intervals with no timeout', async () => {
    org.query.inProgressPolls = 400;
    const { client, clock } = bulkClient(org);
    const { id } = await client.bulk2.createQueryJob('SELECT Id FROM Account');
    const seen: string[] = [];
    const started = clock.now();
    const job = await client.bulk2.waitForQueryJob(id, { onPoll: (polled) => seen.push(polled.state) });
    expect(job).toMatchObject({ id, state: 'JobComplete', numberRecordsProcessed: 1 });
    expect(seen).toHaveLength(401);
    expect(seen.slice(0, 2)).toEqual(['InProgress', 'InProgress']);
    expect(clock.sleeps.slice(0, 8)).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(Math.max(...clock.sleeps)).toBe(30_000);
    expect(clock.now() - started).toBeGreaterThan(3 * 3_600_000);
  });

  it('fails a Failed job with a non-retryable BULK_JOB_FAILED carrying its errorMessage', async () => {
    org.query.inProgressPolls = 2;
    org.query.failWith = 'Retried more than 15 times. Make the query more selective.';
    const { client } = bulkClient(org);
    const { id } = await client.bulk2.createQueryJob('SELECT Id FROM Account');
    const error: unknown = await client.bulk2.waitForQueryJob(id).catch((caught: unknown) => caught);
    expect(isSalesforceError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'BULK_JOB_FAILED', retryable: false });
    expect((error as Error).message).toContain(`Bulk query job ${id} failed: Retried more than 15 times. Make the query more selective.`);
  });

  it('ends with BULK_JOB_ABORTED when someone aborts the job while it runs', async () => {
    org.query.inProgressPolls = 100;
    const { client } = bulkClient(org);
    const { id } = await client.bulk2.createQueryJob('SELECT Id FROM Account');
    const abortInOrg = (job: QueryJobInfo, attempt: number) => {
      if (attempt === 3) org.queryJobs.get(job.id)!.state = 'Aborted';
    };
    await expect(client.bulk2.waitForQueryJob(id, { onPoll: abortInOrg })).rejects.toMatchObject({ code: 'BULK_JOB_ABORTED', retryable: false });
  });

  it('stops waiting when the signal fires, leaving the job running on Salesforce', async () => {
    org.query.inProgressPolls = 100;
    const { client } = bulkClient(org);
    const { id } = await client.bulk2.createQueryJob('SELECT Id FROM Account');
    const controller = new AbortController();
    const wait = client.bulk2.waitForQueryJob(id, {
      signal: controller.signal,
      onPoll: (_job, attempt) => {
        if (attempt === 5) controller.abort();
      },
    });
    await expect(wait).rejects.toMatchObject({ code: 'ABORTED' });
    expect(org.queryJobs.get(id)?.state).toBe('InProgress');
    expect(org.requestsTo(/\/jobs\/query\//, 'PATCH')).toHaveLength(0);
  });

  it('polls through an outage instead of giving up on the job', async () => {
    org.query.inProgressPolls = 1;
    const { client } = bulkClient(org);
    const { id } = await client.bulk2.createQueryJob('SELECT Id FROM Account');
    // Three 503s exhaust the transport's attempts for one poll; the wait polls again later.
    org.fail('GET', /\/jobs\/query\/750/, 503, 7);
    await expect(client.bulk2.waitForQueryJob(id, { pollIntervalMs: { initial: 10, max: 20 } })).resolves.toMatchObject({ state: 'JobComplete' });
    expect(org.requestsTo(/\/jobs\/query\/750\w+$/).length).toBe(9);
  });

  it('ends the wait on a failure no poll can fix', async () => {
    const { client } = bulkClient(org);
    await expect(client.bulk2.waitForQueryJob('750000000000404AAA')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
