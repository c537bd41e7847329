import { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { createSalesforceClient, TokenCache, type SalesforceClient } from '../../../salesforce/index.js';
import { emulatorConfig, emulatorEnv } from '../salesforce/emulator-connections.js';

const VERSION = '62.0';
/** Real time here: jobs are quick so the clients' own polling finishes the tests in well under a second each. */
const FAST = { queuedMs: 20, processingMs: 50, msPerThousandRecords: 1 };

describe('Bulk API 2.0 clients against the emulator, unmodified', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 'Account=2500', bulk: { query: FAST, ingest: FAST } });
  });
  afterAll(() => emulator.close());

  describe('jsforce 3.10.16 bulk2', () => {
    let conn: Connection;

    beforeAll(async () => {
      const { loginUrl, clientId, clientSecret, username, password } = emulator.credentials;
      conn = new Connection({ oauth2: { loginUrl, clientId, clientSecret }, version: VERSION });
      await conn.login(username, password);
    });

    it('runs a query job and parses every row of its CSV', async () => {
      const stream = await conn.bulk2.query('SELECT Id, Name, Owner.Name FROM Account', { pollInterval: 20, pollTimeout: 10_000 });
      const rows = (await stream.toArray()) as Record<string, string>[];
      expect(rows).toHaveLength(2500);
      expect(new Set(rows.map((row) => row['Id'])).size).toBe(2500);
      expect(rows[0]).toEqual({ Id: expect.stringMatching(/^001/), Name: expect.any(String), 'Owner.Name': expect.any(String) });
    });

    it('loads records and reads the successful, failed and unprocessed results', async () => {
      const results = await conn.bulk2.loadAndWaitForResults({
        object: 'Account', operation: 'insert', pollInterval: 20, pollTimeout: 10_000,
        input: [{ Name: 'jsforce bulk, "one"', NumberOfEmployees: 1 }, { Name: 'jsforce bulk two', NumberOfEmployees: 'many' }, { Name: null, NumberOfEmployees: 3 }],
      });
      expect(results.successfulResults).toHaveLength(1);
      expect(results.successfulResults[0]).toMatchObject({ sf__Id: expect.stringMatching(/^001/), sf__Created: 'true', Name: 'jsforce bulk, "one"' });
      expect(results.failedResults.map((row) => [row.sf__Error, (row as Record<string, unknown>)['Name']])).toEqual([
        ["Failed to deserialize field at col 2. Due to, 'many' is not a valid value for the type xsd:int", 'jsforce bulk two'],
        // jsforce writes null as #N/A, which the failed results echo as uploaded.
        ['REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --', '#N/A'],
      ]);
      expect(results.unprocessedRecords).toEqual([]);
    });
  });

  describe('the sfsync Salesforce client (salesforce/bulk2)', () => {
    let client: SalesforceClient;

    beforeAll(() => {
      client = createSalesforceClient(emulatorConfig(emulator.credentials, 'jwt'), { env: emulatorEnv(emulator.credentials), tokenCache: new TokenCache() });
    });
    afterAll(() => client.close());

    it('streams every result page from the emulator, resuming from a locator', async () => {
      const job = await client.bulk2.createQueryJob('SELECT Id, Name FROM Account ORDER BY Id', { all: true });
      await client.bulk2.waitForQueryJob(job.id, { pollIntervalMs: { initial: 20, max: 50 } });
      const pages: { locator: string | null; next: string | null; ids: string[] }[] = [];
      for await (const page of client.bulk2.queryResultPages(job.id, { maxRecords: 1000 })) {
        const ids: string[] = [];
        for await (const row of page.records) ids.push(row['Id'] as string);
        pages.push({ locator: page.locator, next: page.nextLocator, ids });
      }
      const { numberRecordsProcessed } = await client.bulk2.getQueryJob(job.id);
      expect(numberRecordsProcessed).toBeGreaterThanOrEqual(2500);
      expect(pages.map((page) => page.ids.length)).toEqual([1000, 1000, (numberRecordsProcessed ?? 0) - 2000]);
      expect(pages.map((page) => page.locator)).toEqual([null, pages[0]?.next, pages[1]?.next]);
      expect(pages.at(-1)?.next).toBeNull();
      const resumed: string[] = [];
      for await (const page of client.bulk2.queryResultPages(job.id, { maxRecords: 1000, locator: pages[1]?.locator ?? null })) {
        for await (const row of page.records) resumed.push(row['Id'] as string);
      }
      expect(resumed).toEqual([...(pages[1]?.ids ?? []), ...(pages[2]?.ids ?? [])]);
    });

    it('surfaces a Failed job\'s errorMessage as BULK_JOB_FAILED', async () => {
      await emulator.admin.addBulkJobFaults([{ jobType: 'query', times: 1, fault: { kind: 'fail', errorMessage: 'InternalServerError : Retried more than 15 times' } }]);
      await expect(client.bulk2.query('SELECT Id FROM Account', { pollIntervalMs: { initial: 20, max: 50 } }))
        .rejects.toMatchObject({ code: 'BULK_JOB_FAILED', message: expect.stringContaining('Retried more than 15 times') });
    });

    it('ingests records and matches every outcome to its input', async () => {
      const outcome = await client.bulk2.ingest(
        { object: 'Invoice__c', operation: 'upsert', externalIdFieldName: 'External_Id__c' },
        [{ Name: 'Client one', External_Id__c: 'CLI-1', Amount__c: 10 }, { Name: null, External_Id__c: 'CLI-2' }],
        { pollIntervalMs: { initial: 20, max: 50 } },
      );
      expect(outcome.jobs).toMatchObject([{ state: 'JobComplete', numberRecordsProcessed: 2, numberRecordsFailed: 1 }]);
      const results = [];
      for await (const result of outcome.results()) results.push(result);
      expect(results.map((result) => [result.index, result.status])).toEqual([[0, 'succeeded'], [1, 'failed']]);
      expect(results[1]).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING' });
    });
  });
});
