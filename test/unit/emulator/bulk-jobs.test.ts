import { beforeEach, describe, expect, it } from 'vitest';
import { BulkJobs } from '../../../emulator/bulk/bulk-jobs.js';
import { bulkSettingsSchema, type BulkSettingsInput } from '../../../emulator/bulk/bulk-settings.js';
import type { BulkJobFaultRule } from '../../../emulator/bulk/job-fault-rules.js';
import { RestError } from '../../../emulator/http/rest-error.js';
import { BulkLimits } from '../../../emulator/limits/bulk-limits.js';
import { createOrgFixture, type OrgFixture } from './org-fixture.js';

const JOB = { createdById: '005Em0000000001IAA', apiVersion: 62, columnDelimiter: 'COMMA', lineEnding: 'LF' } as const;
const DAY_MS = 86_400_000;

function restError(run: () => unknown): RestError {
  try {
    run();
  } catch (error) {
    if (error instanceof RestError) return error;
    throw error;
  }
  throw new Error('expected a RestError');
}

describe('Bulk job lifecycle in emulator time', () => {
  let org: OrgFixture;
  let jobs: BulkJobs;

  function setUp(settings: BulkSettingsInput = {}, limits: Partial<ConstructorParameters<typeof BulkLimits>[1]> = {}, faults: BulkJobFaultRule[] = []): void {
    org = createOrgFixture();
    org.insert('Account', Array.from({ length: 25 }, (_, index) => ({ Name: `Account ${index}` })));
    jobs = new BulkJobs(org.store, bulkSettingsSchema.parse(settings), new BulkLimits(org.clock, {
      dailyBulkV2QueryJobs: 10_000, dailyBulkV2QueryFileStorageMB: 976_562, dailyBulkApiBatches: 15_000, ...limits,
    }));
    jobs.faults.add(faults);
  }

  const state = (kind: 'query' | 'ingest', id: string) => jobs.get(kind as 'query', id).state;

  describe('query jobs', () => {
    beforeEach(() => setUp({ query: { queuedMs: 500, processingMs: 2000, msPerThousandRecords: 40_000 } }));

    it('goes UploadComplete, InProgress, JobComplete as the clock moves, counting rows as they are written', () => {
      const job = jobs.createQuery(JOB, 'query', 'SELECT Id FROM Account');
      expect(job.state).toBe('UploadComplete');
      org.clock.advance(499);
      expect(state('query', job.id)).toBe('UploadComplete');
      org.clock.advance(1);
      expect(state('query', job.id)).toBe('InProgress');
      org.clock.advance(2000);
      // 25 rows at 40 ms each: the query has run and the rows are being written.
      expect(jobs.get('query', job.id).fullInfo()).toMatchObject({ state: 'InProgress', numberRecordsProcessed: 0 });
      org.clock.advance(500);
      expect(jobs.get('query', job.id).fullInfo()).toMatchObject({ state: 'InProgress', numberRecordsProcessed: 12 });
      org.clock.advance(500);
      expect(jobs.get('query', job.id).fullInfo()).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 25, totalProcessingTime: 3000 });
      expect(jobs.get('query', job.id).result?.size).toBe(25);
    });

    it('plays every due transition at once when the clock jumps', () => {
      const job = jobs.createQuery(JOB, 'queryAll', 'SELECT Id FROM Account');
      org.clock.advance(DAY_MS);
      expect(jobs.get('query', job.id).fullInfo()).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 25 });
    });

    it('aborts a running job and refuses to abort or results-read it afterwards', () => {
      const job = jobs.createQuery(JOB, 'query', 'SELECT Id FROM Account');
      org.clock.advance(600);
      job.abort(org.clock.now());
      expect(job.state).toBe('Aborted');
      expect(restError(() => job.abort(org.clock.now()))).toMatchObject({ status: 400, errorCode: 'INVALIDJOBSTATE' });
      org.clock.advance(DAY_MS);
      expect(state('query', job.id)).toBe('Aborted');
      expect(job.result).toBeNull();
    });

    it('deletes only jobs that are not running, and forgets jobs 7 days after creation', () => {
      const job = jobs.createQuery(JOB, 'query', 'SELECT Id FROM Account');
      org.clock.advance(600);
      expect(restError(() => jobs.delete('query', job.id))).toMatchObject({ errorCode: 'INVALIDJOBSTATE' });
      const other = jobs.createQuery(JOB, 'query', 'SELECT Id FROM Account');
      org.clock.advance(10_000);
      jobs.delete('query', job.id);
      expect(restError(() => jobs.get('query', job.id))).toMatchObject({ status: 404, errorCode: 'NOT_FOUND' });
      org.clock.advance(7 * DAY_MS);
      expect(restError(() => jobs.get('query', other.id))).toMatchObject({ status: 404 });
      expect(jobs.summaries().map((summary) => [summary.id, summary.deleted])).toEqual([[job.id, true], [other.id, true]]);
    });

    it('counts jobs against DailyBulkV2QueryJobs and refuses one over the limit with LIMIT_EXCEEDED', () => {
      setUp({}, { dailyBulkV2QueryJobs: 2 });
      jobs.createQuery(JOB, 'query', 'SELECT Id FROM Account');
      jobs.createQuery(JOB, 'query', 'SELECT Id FROM Account');
      expect(jobs.limitEntries()['DailyBulkV2QueryJobs']).toEqual({ Max: 2, Remaining: 0 });
      expect(restError(() => jobs.createQuery(JOB, 'query', 'SELECT Id FROM Account'))).toMatchObject({
        status: 400, errorCode: 'LIMIT_EXCEEDED', message: 'Max bulk v2 query jobs (2) per 24 hrs has been reached (3)',
      });
      org.clock.advance(DAY_MS);
      expect(jobs.createQuery(JOB, 'query', 'SELECT Id FROM Account').state).toBe('UploadComplete');
    });

    it('charges the stored result size to DailyBulkV2QueryFileStorageMB', () => {
      setUp({}, { dailyBulkV2QueryFileStorageMB: 1 });
      org.insert('Account', Array.from({ length: 2000 }, (_, index) => ({ Name: `Wide account ${index}`, Description: 'x'.repeat(600) })));
      jobs.createQuery(JOB, 'query', 'SELECT Id, Description FROM Account');
      org.clock.advance(DAY_MS - 60_000);
      expect(jobs.limitEntries()['DailyBulkV2QueryFileStorageMB']).toEqual({ Max: 1, Remaining: 0 });
      expect(restError(() => jobs.createQuery(JOB, 'query', 'SELECT Id FROM Account')).message)
        .toBe('Max bulk v2 query result size stored (1024) kb per 24 hrs has been exceeded');
    });
  });

  describe('faults', () => {
    it('ends a job Failed with the rule\'s errorMessage, and only as many jobs as `times` says', () => {
      setUp({}, {}, [{ jobType: 'query', object: 'account', times: 1, fault: { kind: 'fail', errorMessage: 'InternalServerError : boom' } }]);
      const failed = jobs.createQuery(JOB, 'query', 'SELECT Id FROM Account');
      const fine = jobs.createQuery(JOB, 'query', 'SELECT Id FROM Account');
      org.clock.advance(DAY_MS - 1);
      expect(jobs.get('query', failed.id).fullInfo()).toMatchObject({ state: 'Failed', errorMessage: 'InternalServerError : boom', numberRecordsProcessed: 0 });
      expect(state('query', fine.id)).toBe('JobComplete');
    });

    it('holds a job InProgress until released, then processes it from the release', () => {
      setUp({ query: { queuedMs: 0, processingMs: 1000, msPerThousandRecords: 0 } }, {}, [{ fault: { kind: 'hold' } }]);
      const job = jobs.createQuery(JOB, 'query', 'SELECT Id FROM Account');
      org.clock.advance(6 * DAY_MS);
      expect(state('query', job.id)).toBe('InProgress');
      jobs.release(job.id);
      org.clock.advance(999);
      expect(state('query', job.id)).toBe('InProgress');
      org.clock.advance(1);
      expect(state('query', job.id)).toBe('JobComplete');
    });

    it('makes a job as slow as the rule says', () => {
      setUp({ query: { queuedMs: 0, processingMs: 10 } }, {}, [{ fault: { kind: 'slow', processingMs: 60_000 } }]);
      const job = jobs.createQuery(JOB, 'query', 'SELECT Id FROM Account');
      org.clock.advance(59_999);
      expect(state('query', job.id)).toBe('InProgress');
      org.clock.advance(1);
      expect(state('query', job.id)).toBe('JobComplete');
    });
  });

  describe('ingest jobs', () => {
    const csv = (rows: number) => Buffer.from(`Name\n${Array.from({ length: rows }, (_, index) => `New ${index}`).join('\n')}\n`);
    const account = () => org.store.schema.object('Account')!;

    it('processes batch by batch over its processing time, counting records and DailyBulkApiBatches', () => {
      setUp({ ingest: { queuedMs: 0, processingMs: 3000, msPerThousandRecords: 0, batchRecords: 10 } });
      const job = jobs.createIngest(JOB, account(), 'insert', null);
      job.addUpload(csv(25), org.clock.now());
      job.close(org.clock.now());
      org.clock.advance(1000);
      expect(jobs.get('ingest', job.id).fullInfo()).toMatchObject({ state: 'InProgress', numberRecordsProcessed: 10, numberRecordsFailed: 0 });
      org.clock.advance(1000);
      expect(jobs.get('ingest', job.id).fullInfo()).toMatchObject({ numberRecordsProcessed: 20 });
      org.clock.advance(1000);
      expect(jobs.get('ingest', job.id).fullInfo()).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 25 });
      expect(jobs.limitEntries()['DailyBulkApiBatches']).toEqual({ Max: 15_000, Remaining: 14_997 });
      expect(org.count("SELECT COUNT() FROM Account WHERE Name LIKE 'New %'")).toBe(25);
    });

    it('leaves the rest unprocessed when a failure fault fires after some records', () => {
      setUp({ ingest: { queuedMs: 0, batchRecords: 10 } }, {}, [{ jobType: 'ingest', fault: { kind: 'fail', errorMessage: 'InternalServerError : x', afterRecords: 10 } }]);
      const job = jobs.createIngest(JOB, account(), 'insert', null);
      job.addUpload(csv(25), org.clock.now());
      job.close(org.clock.now());
      org.clock.advance(DAY_MS);
      expect(jobs.get('ingest', job.id).fullInfo()).toMatchObject({ state: 'Failed', errorMessage: 'InternalServerError : x', numberRecordsProcessed: 10 });
      expect(job.progress?.outcomes.filter((outcome) => outcome === undefined)).toHaveLength(15);
    });

    it('takes uploads only while Open, and once unless appending is allowed', () => {
      setUp();
      const job = jobs.createIngest(JOB, account(), 'insert', null);
      job.addUpload(csv(1), org.clock.now());
      expect(restError(() => job.addUpload(csv(1), org.clock.now()))).toMatchObject({ errorCode: 'BULK_API_ERROR' });
      job.close(org.clock.now());
      expect(restError(() => job.addUpload(csv(1), org.clock.now()))).toMatchObject({ errorCode: 'INVALIDJOBSTATE' });
      setUp({ ingest: { repeatedUpload: 'append' } });
      const appended = jobs.createIngest(JOB, account(), 'insert', null);
      appended.addUpload(csv(2), org.clock.now());
      appended.addUpload(csv(3), org.clock.now());
      appended.close(org.clock.now());
      expect(appended.progress?.data.rowCount).toBe(5);
    });

    it('refuses an upload over the size limit, measured base64-encoded', () => {
      setUp({ ingest: { maxUploadBytes: 400 } });
      const job = jobs.createIngest(JOB, account(), 'insert', null);
      expect(restError(() => job.addUpload(Buffer.alloc(301, 'a'), org.clock.now()))).toMatchObject({ status: 413 });
      job.addUpload(Buffer.from(`Name\n${'a'.repeat(294)}\n`), org.clock.now());
    });

    it('fails a job whose header names an unknown field, processing nothing', () => {
      setUp({ ingest: { queuedMs: 0 } });
      const job = jobs.createIngest(JOB, account(), 'insert', null);
      job.addUpload(Buffer.from('Name,Foo__c\nA,1\n'), org.clock.now());
      job.close(org.clock.now());
      org.clock.advance(1);
      expect(jobs.get('ingest', job.id).fullInfo()).toMatchObject({
        state: 'Failed', errorMessage: 'InvalidBatch : Field name not found : Foo__c', numberRecordsProcessed: 0,
      });
    });
  });
});
