import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BackfillSummary } from '../../common/backfill-input.js';
import { findTemporalCli } from '../../scripts/lib/temporal-cli.js';
import { runProcess } from '../support/run-process.js';
import { startSyncHarness, type SyncHarness } from '../support/sync-harness.js';

const CONNECTION = 'backfill';

/** What `temporal workflow result --output json` prints for a completed workflow. */
interface CliWorkflowResult {
  status: string;
  closeEvent: { workflowExecutionCompletedEventAttributes: { result: BackfillSummary[] } };
}
const DAY_MS = 86_400_000;

describe('a backfill started from the Temporal CLI', () => {
  let harness: SyncHarness;
  let db: pg.Client;
  const cli = findTemporalCli();

  /** `temporal <args>` against the test's dev server, exactly as an operator types it. */
  function temporal(...args: string[]) {
    if (!cli) throw new Error('Temporal CLI not found: run `npm test` (it installs it) or `npx tsx scripts/ensure-tools.ts`');
    return runProcess(cli, [...args, '--address', inject('temporalAddress'), '--namespace', inject('temporalNamespace')], { timeoutMs: 60_000 });
  }

  function startBackfill(workflowId: string, input: Record<string, unknown>) {
    return temporal('workflow', 'start', '--task-queue', harness.taskQueue, '--type', 'backfillWorkflow',
      '--workflow-id', workflowId, '--input', JSON.stringify(input));
  }

  /** Id -> _synced_at of every row: a row the backfill rewrote gets a new one. */
  async function syncedAt(): Promise<Map<string, string>> {
    const { rows } = await db.query<{ id: string; synced: string }>(
      `SELECT "Id" AS id, "_synced_at"::text AS synced FROM "${harness.store.schema}"."Account"`,
    );
    return new Map(rows.map((row) => [row.id, row.synced]));
  }

  beforeAll(async () => {
    harness = await startSyncHarness({ destination: 'postgres', emulator: { seed: 'Account=600' }, connectionName: CONNECTION });
    await harness.startWorker();
    db = new pg.Client({ connectionString: inject('databaseUrl') });
    await db.connect();
    await harness.sync({ object: 'Account', tuning: { consistencyLagSeconds: 0 } });
  });
  afterAll(async () => {
    await db?.end();
    await harness?.close();
  });

  it('re-reads exactly the rows whose SystemModstamp is in [from, to) and leaves the incremental cursor alone', async () => {
    // Two days that hold the seed's mass update (two days before seeding), in slices of one day.
    const from = new Date(Math.floor((Date.now() - 3 * DAY_MS) / 3_600_000) * 3_600_000).toISOString();
    const to = new Date(Date.parse(from) + 2 * DAY_MS).toISOString();
    const expected = await harness.expectedRows('Account');
    const inRange = [...expected.values()].filter((row) => {
      const stamp = Date.parse(String(row.SystemModstamp));
      return stamp >= Date.parse(from) && stamp < Date.parse(to);
    });
    expect(inRange.length).toBeGreaterThan(50);
    expect(inRange.length).toBeLessThan(expected.size / 2);

    const { rowCount } = await db.query(
      `DELETE FROM "${harness.store.schema}"."Account" WHERE "SystemModstamp" >= $1 AND "SystemModstamp" < $2`, [from, to],
    );
    expect(rowCount).toBe(inRange.length);
    const before = await syncedAt();
    const incrementalBefore = await harness.store.readSyncState(CONNECTION, 'Account');

    const workflowId = `backfill-Account-${harness.taskQueue}`;
    const started = await startBackfill(workflowId, { connection: CONNECTION, object: 'Account', from, to, sliceDays: 1 });
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    expect(started.stdout).toContain(workflowId);
    const waited = await temporal('workflow', 'result', '--workflow-id', workflowId, '--output', 'json');
    expect(waited.code).toBe(0);
    const closed = JSON.parse(waited.stdout) as CliWorkflowResult;
    expect(closed.status).toBe('COMPLETED');
    const summary = closed.closeEvent.workflowExecutionCompletedEventAttributes.result[0];

    expect(summary).toMatchObject({ connection: CONNECTION, object: 'Account', from, to, slices: 2, upserted: inRange.length, deleted: 0 });
    // The deleted rows are back, field by field, and the table equals the org again.
    expect(await harness.actualRows('Account')).toEqual(expected);
    // Nothing outside [from, to) was rewritten.
    const after = await syncedAt();
    for (const [id, stamp] of before) expect(after.get(id), id).toBe(stamp);
    expect(after.size - before.size).toBe(inRange.length);
    // The incremental cursor is as it was; the slices' own cursors are released once done.
    expect(await harness.store.readSyncState(CONNECTION, 'Account')).toEqual(incrementalBefore);
    expect((await harness.store.listSyncStates(CONNECTION)).map((state) => state.cursor)).toEqual(['incremental']);
  });

  it('fails a bad input at once with a readable INVALID_INPUT error naming `from`', async () => {
    const workflowId = `backfill-bad-${harness.taskQueue}`;
    const started = await startBackfill(workflowId, { connection: CONNECTION, object: 'Account', from: 'yesterday', to: '2024-01-02T00:00:00Z' });
    expect(started.code).toBe(0);

    const waited = await temporal('workflow', 'result', '--workflow-id', workflowId);
    expect(waited.code).not.toBe(0);
    expect(`${waited.stdout}${waited.stderr}`).toMatch(/from: must be an ISO 8601 datetime/);

    const failure = await harness.temporal.client.workflow.getHandle(workflowId).result().then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const cause = (failure as WorkflowFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe('INVALID_INPUT');
    // It names `from` and only `from`: `to` is a valid datetime, and an unreadable `from` is not "after" it.
    expect((cause as ApplicationFailure).message).toBe(
      'Invalid backfillWorkflow input: from: must be an ISO 8601 datetime such as 2024-01-01T00:00:00Z',
    );
    expect((cause as ApplicationFailure).nonRetryable).toBe(true);
  });
});
