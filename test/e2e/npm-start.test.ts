import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runTsx, type ProcessResult } from '../support/run-process.js';
import { parseSummaryTable } from '../support/summary-table.js';
import { uniqueTaskQueue } from '../support/temporal.js';

/** The demo org's seeded objects and counts (emulator/seed/seed-spec.ts). */
const DEMO_ORG = { Account: 2_500, Contact: 5_000, Opportunity: 1_500, Lead: 1_000, Case: 1_000, Invoice__c: 3_000 };
const ORG_ACTIVITY = /meanwhile the demo org keeps changing \((\d+) records created, (\d+) updated, (\d+) deleted\)/;

describe('`npm start` on embedded defaults, run twice in a row', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'npm-start-'));
  // scripts/start.ts as `npm start` runs it after its bootstrap, on the run's Temporal dev server.
  const env = {
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_NAMESPACE: inject('temporalNamespace'),
    SFSYNC_DATA_DIR: dataDir,
    SFSYNC_TASK_QUEUE: uniqueTaskQueue('npm-start'),
    // Embedded defaults even on a machine whose checkout holds an sfsync.config.yaml.
    SFSYNC_CONFIG: join(dataDir, 'no-config.yaml'),
    DATABASE_URL: undefined,
    SFSYNC_DB_SCHEMA: undefined,
    SFSYNC_PGLITE_DIR: undefined,
    SFSYNC_EMULATOR_CREDENTIALS: undefined,
    TEMPORAL_UI_URL: undefined,
    LOG_LEVEL: undefined,
  };
  const npmStart = () => runTsx('scripts/start.ts', [], { env, timeoutMs: 150_000 });
  const shown = (run: ProcessResult) => `exit ${run.code ?? run.signal} after ${run.durationMs} ms\n${run.stdout}\n${run.stderr}`;
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('copies the whole demo org first, then syncs only what the org changed since', async () => {
    const first = await npmStart();
    expect(first.code, shown(first)).toBe(0);
    expect(first.stdout).toContain('first run: copying the whole org');
    const copied = parseSummaryTable(first.stdout);
    expect(copied.totals.failed, shown(first)).toBe(0);
    expect(copied.totals.skipped).toBe(0);
    expect(copied.rows.every((row) => row.status === 'synced')).toBe(true);
    for (const [object, count] of Object.entries(DEMO_ORG)) {
      expect(copied.rows.find((row) => row.object === object), object).toMatchObject({ upserted: count, deleted: 0 });
    }
    const activity = ORG_ACTIVITY.exec(first.stdout);
    expect(activity, shown(first)).not.toBeNull();
    const [created = 0, updated = 0, deleted = 0] = (activity ?? []).slice(1).map(Number);

    const second = await npmStart();
    expect(second.code, shown(second)).toBe(0);
    expect(second.stdout).toContain('incremental sync: reading only what changed since the last run');
    const changes = parseSummaryTable(second.stdout);
    expect(changes.totals.failed, shown(second)).toBe(0);
    expect(changes.rows.map((row) => row.object)).toEqual(copied.rows.map((row) => row.object));
    // Each record the activity touched is read once (a record both created and updated, or updated and then
    // deleted, counts once); deletes cascade to children and touch roll-ups, so a few more may come along.
    const read = changes.totals.upserted + changes.totals.deleted;
    expect(read, shown(second)).toBeGreaterThanOrEqual(0.9 * (created + updated));
    expect(read, shown(second)).toBeLessThanOrEqual(1.5 * (created + updated + deleted));
    expect(changes.totals.deleted).toBeGreaterThanOrEqual(deleted);
  });
});
