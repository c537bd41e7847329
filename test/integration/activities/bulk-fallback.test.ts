import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../../activities/index.js';
import { startEmulator, type EmulatorOptions } from '../../../emulator/index.js';
import { buildActivityDeps } from '../../../worker/build-activity-deps.js';
import { emulatorConnectionConfig, testWorkerConfig } from '../../support/sync-harness.js';

const silent = pino({ enabled: false });
const window = { start: null, end: new Date().toISOString(), endExclusive: false };
const closers: (() => Promise<void>)[] = [];

/** `startBulkQuery` of a worker on a fresh org (and a PGlite destination) with these emulator options. */
async function startBulkQueryOn(options: EmulatorOptions) {
  const org = await startEmulator(options);
  const built = await buildActivityDeps(testWorkerConfig('pglite', [emulatorConnectionConfig(org, 'prod')], `fallback_${Math.random().toString(36).slice(2, 10)}`), silent);
  closers.push(built.close, () => org.close());
  const activities = createActivities(built.deps);
  const env = new MockActivityEnvironment();
  return (fields: string[]) => env.run(() => activities.startBulkQuery({ connection: 'prod', object: 'Account', fields, cursor: 'default', window }));
}

/** Salesforce refusing a query job: the answer's status and errorCode decide the fallback, not its wording. */
describe('startBulkQuery when Salesforce refuses the query job', () => {
  let startBulkQuery: Awaited<ReturnType<typeof startBulkQueryOn>>;
  beforeAll(async () => {
    startBulkQuery = await startBulkQueryOn({ seed: 'Account=20' });
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  it('reads through REST a query Bulk cannot run (400 API_ERROR, a compound field)', async () => {
    const result = await startBulkQuery(['Id', 'SystemModstamp', 'BillingAddress']);
    expect(result).toMatchObject({ fallback: expect.stringContaining('400 API_ERROR') });
  });

  it('fails, rather than falls back, on a field the object lacks (400 INVALID_FIELD)', async () => {
    const failure = await startBulkQuery(['Id', 'SystemModstamp', 'Nope__c']).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'INVALID_FIELD', nonRetryable: true });
  });

  it('reads through REST when the org has no Bulk query jobs left today (400 LIMIT_EXCEEDED)', async () => {
    const spentOrg = await startBulkQueryOn({ seed: 'Account=20', limits: { dailyBulkV2QueryJobs: 0 } });
    const result = await spentOrg(['Id', 'SystemModstamp', 'Name']);
    expect(result).toMatchObject({ fallback: expect.stringContaining('400 LIMIT_EXCEEDED') });
  });

  it('starts a job for a query Bulk can run', async () => {
    expect(await startBulkQuery(['Id', 'SystemModstamp', 'Name'])).toMatchObject({ jobId: expect.any(String), resumed: false });
  });
});
