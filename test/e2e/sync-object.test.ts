import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinations, startSyncHarness, type SyncHarness } from '../support/sync-harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(destinations)('syncObjectWorkflow into %s', (destination) => {
  let harness: SyncHarness;
  beforeAll(async () => {
    harness = await startSyncHarness({ destination, emulator: { seed: 'Account=2500' } });
    await harness.startWorker();
  });
  afterAll(async () => harness?.close());

  it('makes the table equal to the org, field by field, on a full sync', async () => {
    const summary = await harness.sync({ object: 'Account', mode: 'full', tuning: { batchSize: 500, consistencyLagSeconds: 0 } });
    const expected = await harness.expectedRows('Account');
    expect(summary.upserted + summary.deleted).toBe(expected.size);
    expect(summary.expectedCount).toBe(expected.size);
    expect(summary.pages).toBe(Math.ceil(expected.size / 500));
    expect(await harness.actualRows('Account')).toEqual(expected);
  });

  it('reads only the changes on an incremental sync, ties and late commits included', async () => {
    await harness.sync({ object: 'Account', tuning: { consistencyLagSeconds: 0 } });
    const { admin } = harness.emulator;
    const changed = new Set<string>();
    const remember = (result: { created: string[]; updated: string[]; deleted: string[] }) =>
      [...result.created, ...result.updated, ...result.deleted].forEach((id) => changed.add(id));
    remember(await admin.mutate({ object: 'Account', create: 30 }));
    remember(await admin.mutate({ object: 'Account', update: 40 }));
    remember(await admin.mutate({ object: 'Account', delete: 20 }));
    // 450 records sharing one SystemModstamp: pages of 200 end inside the tie, so only the Id tie-breaker keeps them.
    const tie = new Date(Date.now() - 500).toISOString();
    remember(await admin.mutate({ object: 'Account', update: 450, systemModstamp: tie }));
    // Past the lag of 1 s, and past the second the window's end is rounded down to (Salesforce's Date header).
    await sleep(2_100);

    // One page per activity: every page boundary is a fresh query from the committed (SystemModstamp, Id) watermark.
    const second = await harness.sync({ object: 'Account', tuning: { batchSize: 200, maxPagesPerActivity: 1, consistencyLagSeconds: 1 } });
    expect(second.expectedCount).toBe(changed.size);
    expect(second.upserted + second.deleted).toBe(changed.size);
    expect(await harness.actualRows('Account')).toEqual(await harness.expectedRows('Account'));

    // A transaction that commits after the run, stamped inside the lag the run left unread.
    const lateStamp = new Date(Date.parse(second.windowEnd) + 300).toISOString();
    const late = await admin.mutate({ object: 'Account', create: 1, systemModstamp: lateStamp });
    const third = await harness.sync({ object: 'Account', tuning: { consistencyLagSeconds: 0 } });
    expect(third.upserted).toBe(1);
    expect((await harness.actualRows('Account')).has(late.created[0]!)).toBe(true);
    expect(await harness.actualRows('Account')).toEqual(await harness.expectedRows('Account'));
  });

  it('continues as new on a long sync, keeping its window and totals', async () => {
    await harness.emulator.admin.mutate({ object: 'Account', update: 900 });
    const handle = await harness.startSync({
      object: 'Account',
      mode: 'full',
      tuning: { batchSize: 200, maxPagesPerActivity: 1, activitiesPerRun: 3, consistencyLagSeconds: 0 },
    });
    const summary = await handle.result();
    const expected = await harness.expectedRows('Account');
    expect(summary.upserted + summary.deleted).toBe(expected.size);
    expect(summary.pages).toBe(Math.ceil(expected.size / 200));
    // Several runs chained by continue-as-new: the latest run is not the first one.
    expect((await handle.describe()).runId).not.toBe(handle.firstExecutionRunId);
    expect(await harness.actualRows('Account')).toEqual(expected);
  });

  it('counts every committed page once, pages of a failed attempt included', async () => {
    // Page 2 of the query commits, then page 3 fails every transport retry: the attempt fails after two commits,
    // and its retry reads the rest from the committed watermark.
    const outage = Array.from({ length: 3 }, () => ({ kind: 'server-unavailable' as const }));
    await harness.emulator.admin.injectFaults([{ route: '/services/data/*/query/*', sequence: [null, ...outage] }]);
    const before = await harness.store.readSyncState(harness.connection.name, 'Account');
    const handle = await harness.startSync({ object: 'Account', mode: 'full', tuning: { batchSize: 500, consistencyLagSeconds: 0 } });
    const summary = await handle.result();
    await harness.emulator.admin.clearFaults();
    const events = (await handle.fetchHistory()).events ?? [];
    expect(events.some((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'syncPages')).toBe(true);
    expect(events.some((event) => (event.activityTaskStartedEventAttributes?.attempt ?? 1) > 1)).toBe(true);
    const after = await harness.store.readSyncState(harness.connection.name, 'Account');
    const written = (after?.totalUpserted ?? 0) - (before?.totalUpserted ?? 0) + (after?.totalDeleted ?? 0) - (before?.totalDeleted ?? 0);
    const expected = await harness.expectedRows('Account');
    expect(written).toBe(expected.size);
    expect(summary.upserted + summary.deleted).toBe(written);
    expect(summary.pages).toBe((after?.pagesCommitted ?? 0) - (before?.pagesCommitted ?? 0));
    expect(await harness.actualRows('Account')).toEqual(expected);
  });

  it('fails with INVALID_FIELD after exactly one attempt when a field does not exist', async () => {
    const handle = await harness.startSync({ object: 'Account', fields: ['Name', 'No_Such_Field__c'] });
    const failure = await handle.result().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const activityFailure = (failure as WorkflowFailedError).cause;
    expect(activityFailure).toBeInstanceOf(ActivityFailure);
    const cause = (activityFailure as ActivityFailure).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe('INVALID_FIELD');
    expect((cause as ApplicationFailure).message).toContain('No_Such_Field__c');

    const events = (await handle.fetchHistory()).events ?? [];
    const planScheduled = events.filter((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'planSync');
    expect(planScheduled).toHaveLength(1);
    const planStarted = events.filter(
      (event) => String(event.activityTaskStartedEventAttributes?.scheduledEventId) === String(planScheduled[0]?.eventId),
    );
    expect(planStarted).toHaveLength(1);
    expect(planStarted[0]?.activityTaskStartedEventAttributes?.attempt).toBe(1);
  });

  it('rejects bad input at once with an error that names the field', async () => {
    const handle = await harness.startSync({ object: 'Account; DROP TABLE x', mode: 'sometimes' as 'full' });
    const error = await handle.result().then(
      () => undefined,
      (e: unknown) => e,
    );
    const cause = (error as WorkflowFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe('INVALID_INPUT');
    expect(cause.message).toMatch(/object: must be a Salesforce API name/);
    expect(cause.message).toMatch(/mode:/);
  });
});
