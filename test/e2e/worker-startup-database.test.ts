import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { spawnWorker } from '../support/worker-process.js';

const PASSWORD = 's3cret-pw';
// Port 1 on loopback: nothing listens there, so the connection is refused at once.
const CLOSED_URL = `postgres://sfsync:${PASSWORD}@127.0.0.1:1/sfsync`;

/** A worker on the run's Temporal whose database is down; resolves with its exit code and output. */
async function startWithDatabaseDown(env: Record<string, string>): Promise<{ code: unknown; lines: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'dbdown-'));
  const worker = spawnWorker({
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_NAMESPACE: inject('temporalNamespace'),
    SFSYNC_CONFIG: join(dir, 'missing.yaml'),
    SFSYNC_EMULATOR_CREDENTIALS: join(dir, 'missing.json'),
    ...env,
  });
  const code = await worker.exited;
  return { code, lines: worker.output().split('\n').filter((line) => line.trim() !== '') };
}

describe('a worker whose database is down at start', () => {
  it('exits non-zero with one line naming DATABASE_URL and the server, never the password', async () => {
    const { code, lines } = await startWithDatabaseDown({ DATABASE_URL: CLOSED_URL });
    expect(code).not.toBe(0);
    expect(lines).toEqual(['sfsync worker: cannot open the PostgreSQL database at 127.0.0.1:1, the URL in DATABASE_URL: PostgreSQL is unavailable: connect ECONNREFUSED 127.0.0.1:1']);
  });

  it('names the variable the config file points to, and its config key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dbdown-config-'));
    const config = join(dir, 'sfsync.config.json');
    const connection = { loginUrl: 'https://login.example.com', apiVersion: 'v62.0', auth: { flow: 'client_credentials', clientId: 'key', clientSecret: { env: 'UNUSED_SECRET' } } };
    writeFileSync(config, JSON.stringify({ connections: { prod: connection }, destination: { databaseUrlEnv: 'WAREHOUSE_URL' } }));
    const { code, lines } = await startWithDatabaseDown({ SFSYNC_CONFIG: config, WAREHOUSE_URL: CLOSED_URL, UNUSED_SECRET: 'unused' });
    expect(code).not.toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('the URL in WAREHOUSE_URL (destination.databaseUrlEnv)');
    expect(lines[0]).not.toContain(PASSWORD);
  });
});
