import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionConfigSchema } from '../../../salesforce/index.js';
import { spawnWorker, writeWorkerConfig } from '../../support/worker-process.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'worker-missing-secret-'));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('worker start-up with a connection whose secret is missing', () => {
  it('exits with status 1 and one line naming the connection and the variable, before it connects to anything', async () => {
    const connection = connectionConfigSchema.parse({
      name: 'prod',
      loginUrl: 'https://acme.my.salesforce.com',
      apiVersion: 'v62.0',
      auth: { flow: 'client_credentials', clientId: '3MVG9consumer', clientSecret: { env: 'SFSYNC_TEST_UNSET_SECRET' } },
    });
    const worker = spawnWorker({
      SFSYNC_CONFIG: writeWorkerConfig(dir, connection),
      SFSYNC_TEST_UNSET_SECRET: '',
      // Nothing listens there: a worker that got past the check would fail on Temporal instead.
      TEMPORAL_ADDRESS: '127.0.0.1:1',
    });
    expect(await worker.exited).toBe(1);
    const lines = worker.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('connection prod: secret environment variable SFSYNC_TEST_UNSET_SECRET is missing or empty');
  });
});
