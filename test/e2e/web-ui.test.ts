import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities, SalesforceConnections } from '../../activities/index.js';
import { SfConnection, SfObject } from '../../common/search-attributes.js';
import type { OrgSyncSummary } from '../../common/sync-org-input.js';
import { objectSyncWorkflowId, orgSyncWorkflowId } from '../../common/workflow-ids.js';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import type { ConnectionStores } from '../../store/index.js';
import { createWorker } from '../../worker/create-worker.js';
import type { syncOrgWorkflow } from '../../workflows/index.js';
import { launchChromium } from '../support/chromium.js';
import { emulatorConnectionConfig, openTestStores } from '../support/sync-harness.js';
import { startTemporalWithUi } from '../support/temporal-with-ui.js';
import { uniqueTaskQueue } from '../support/temporal.js';
import { waitFor } from '../support/wait-for.js';

const RECORDS = 500;
const BATCH = 200;
const CONNECTION = 'webui';
const screenshots = fileURLToPath(new URL('../../test-output/web-ui/', import.meta.url));

/** Waits until the first element matching `text` is on screen; throws with the text when it never is. */
async function shows(page: Page, text: string): Promise<void> {
  await page.getByText(text).first().waitFor({ state: 'visible', timeout: 15_000 }).catch((error: unknown) => {
    throw new Error(`the Web UI at ${page.url()} does not show ${JSON.stringify(text)}: ${String(error)}`);
  });
}

describe('a finished sync in the Temporal Web UI', () => {
  let temporal: Awaited<ReturnType<typeof startTemporalWithUi>>;
  let emulator: RunningEmulator;
  let stores: ConnectionStores;
  let salesforce: SalesforceConnections;
  let stopWorker: (() => Promise<void>) | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let summary: OrgSyncSummary;

  beforeAll(async () => {
    temporal = await startTemporalWithUi();
    emulator = await startEmulator({ seed: `Account=${RECORDS}` });
    stores = await openTestStores('pglite', [CONNECTION]);
    salesforce = new SalesforceConnections([emulatorConnectionConfig(emulator, CONNECTION)]);
    const taskQueue = uniqueTaskQueue('web-ui');
    const worker = await createWorker({
      connection: temporal.nativeConnection,
      namespace: temporal.namespace,
      taskQueue,
      activities: createActivities({ salesforce, stores }),
      workflowBundle: temporal.workflowBundle,
    });
    const running = worker.run();
    stopWorker = async () => {
      worker.shutdown();
      await running;
    };
    // As `npm run sync -- --object Account` starts it: an org sync whose child syncs the object.
    summary = await temporal.client.workflow.execute<typeof syncOrgWorkflow>('syncOrgWorkflow', {
      taskQueue,
      workflowId: orgSyncWorkflowId(CONNECTION),
      args: [{ connection: CONNECTION, objects: ['Account'], tuning: { consistencyLagSeconds: 0, batchSize: BATCH } }],
      typedSearchAttributes: [{ key: SfConnection, value: CONNECTION }, { key: SfObject, value: '*' }],
      staticSummary: `Web UI test: sync of ${CONNECTION}`,
    });
    mkdirSync(screenshots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await stopWorker?.();
    await salesforce?.close();
    await stores?.close();
    await emulator?.close();
    await temporal?.close();
  });

  it('finds the sync by its search attributes and shows its result, activity summaries and progress query', async () => {
    expect(summary.objects).toMatchObject([{ object: 'Account', status: 'synced', upserted: RECORDS }]);
    const workflowId = objectSyncWorkflowId(CONNECTION, 'Account');
    const query = `SfConnection="${CONNECTION}" AND SfObject="Account"`;
    // The UI reads the visibility store; wait until it lists the finished child so the page cannot race it.
    await waitFor('the finished Account sync in the visibility store', async () => {
      for await (const execution of temporal.client.workflow.list({ query: `${query} AND ExecutionStatus="Completed"` })) {
        if (execution.workflowId === workflowId) return true;
      }
      return false;
    });

    browser = await launchChromium();
    const page = await browser.context.newPage();
    const base = `${temporal.uiUrl}/namespaces/${temporal.namespace}`;

    // The workflow list, filtered through the UI's `query` URL parameter.
    await page.goto(`${base}/workflows?query=${encodeURIComponent(query)}`);
    const link = page.getByRole('link', { name: workflowId, exact: true });
    await link.first().waitFor({ state: 'visible', timeout: 20_000 });
    // The org workflow carries SfObject="*": the filter leaves it out.
    expect(await page.getByRole('link', { name: orgSyncWorkflowId(CONNECTION), exact: true }).count()).toBe(0);
    await page.screenshot({ path: `${screenshots}workflow-list.png` });

    // The finished sync: its result, and the activities by their summaries in the timeline.
    await link.first().click();
    await page.waitForURL(/\/history$/);
    await shows(page, 'Completed');
    await shows(page, `"upserted": ${RECORDS}`);
    await shows(page, `"pages": ${Math.ceil(RECORDS / BATCH)}`);
    await shows(page, 'Plan Account window');
    await shows(page, 'Read Account pages into the destination');
    await page.screenshot({ path: `${screenshots}sync-history.png`, fullPage: true });

    // Progress: the `progress` query, listed under Queries and answered by the worker.
    await page.getByRole('tab', { name: 'Queries', exact: true }).click();
    await page.waitForURL(/\/query$/);
    await page.getByTestId('query-select-button').click();
    const options = page.getByRole('listbox').getByRole('option');
    await options.first().waitFor({ state: 'visible' });
    expect(await options.allInnerTexts()).toContain('progress');
    await page.getByRole('listbox').getByRole('option', { name: 'progress', exact: true }).click();
    expect(await page.getByTestId('query-select').inputValue()).toBe('progress');
    await page.getByRole('button', { name: 'Run Query' }).click();
    await shows(page, '"phase": "done"');
    await shows(page, `"recordsProcessed": ${RECORDS}`);
    await page.screenshot({ path: `${screenshots}progress-query.png`, fullPage: true });
  });
});
