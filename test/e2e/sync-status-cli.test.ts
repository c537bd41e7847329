import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runTsx } from '../support/run-process.js';
import { parseSummaryTable } from '../support/summary-table.js';
import { startSyncHarness, type SyncHarness } from '../support/sync-harness.js';
import { writeWorkerConfig } from '../support/worker-process.js';

describe('npm run sync and npm run status', () => {
  let harness: SyncHarness;
  let env: Record<string, string>;
  beforeAll(async () => {
    harness = await startSyncHarness({ destination: 'pglite', connectionName: 'cli', emulator: { seed: 'Account=700,Contact=400' } });
    await harness.startWorker();
    env = {
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_NAMESPACE: inject('temporalNamespace'),
      SFSYNC_TASK_QUEUE: harness.taskQueue,
      SFSYNC_CONFIG: writeWorkerConfig(mkdtempSync(join(tmpdir(), 'cli-')), harness.connection),
    };
  });
  afterAll(async () => harness?.close());

  it('starts a sync of the named objects, follows it with progress lines, and ends with the summary table', async () => {
    const started = Date.now();
    const run = await runTsx('client/sync-cli.ts', ['--object', 'Account,Contact', '--full'], { env, timeoutMs: 120_000 });
    const finished = Date.now();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/following sfsync:cli:org/);
    // Progress lines (not a terminal here: each printed when it changes) end at 100 % per object.
    expect(run.stdout).toMatch(/Account\s+\[#{24}\]\s+700\/700\s+100%\s+done/);
    const { rows, totals } = parseSummaryTable(run.stdout);
    expect(rows.map((row) => [row.object, row.status])).toEqual([['Account', 'synced'], ['Contact', 'synced']]);
    expect(totals).toMatchObject({ synced: 2, failed: 0 });
    // The default 5-minute consistency lag leaves the newest seeded records for the next run.
    const lagMs = 300_000;
    for (const row of rows) {
      const stamps: number[] = [];
      for await (const record of harness.emulator.admin.records(row.object, { includeDeleted: true })) stamps.push(Date.parse(String(record.SystemModstamp)));
      const read = row.upserted + row.deleted;
      expect(read).toBeGreaterThanOrEqual(stamps.filter((at) => at <= started - lagMs).length);
      expect(read).toBeLessThanOrEqual(stamps.filter((at) => at <= finished - lagMs).length);
    }
  });

  it('refuses an unknown connection with the configured names', async () => {
    const run = await runTsx('client/sync-cli.ts', ['--connection', 'nope'], { env, timeoutMs: 60_000 });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/pass --connection NAME \(configured: cli\)/);
  });

  it('lists the syncs it ran with their status', async () => {
    const run = await runTsx('client/status-cli.ts', ['--connection', 'cli'], { env, timeoutMs: 60_000 });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/sfsync:cli:Account\s+cli\s+Account\s+COMPLETED/);
    expect(run.stdout).toMatch(/sfsync:cli:org\s+cli\s+\*\s+COMPLETED/);
  });
});
