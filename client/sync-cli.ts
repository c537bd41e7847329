// `npm run sync -- [--connection NAME] [--object Account ...] [--full]`: starts syncs and follows them live.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config.js';
import { SfConnection, SfObject } from '../common/search-attributes.js';
import type { OrgSyncSummary } from '../common/sync-org-input.js';
import { orgSyncWorkflowId } from '../common/workflow-ids.js';
import type { syncOrgWorkflow } from '../workflows/index.js';
import { connectClient } from './connect-client.js';
import { orgSummaryTable } from './render/summary-table.js';
import { orgObjects, watchProgress } from './watch-progress.js';

const { values } = parseArgs({
  options: { connection: { type: 'string' }, object: { type: 'string', multiple: true }, full: { type: 'boolean', default: false } },
});
const config = await loadConfig();
const names = [...config.connections.keys()];
const connection = values.connection ?? (names.length === 1 ? names[0] : undefined);
if (!connection || !config.connections.has(connection)) {
  console.error(`pass --connection NAME (configured: ${names.join(', ') || 'none; see sfsync.config.example.yaml or run npm start'})`);
  process.exit(2);
}
const objects = values.object?.flatMap((entry) => entry.split(',')).filter(Boolean);
const { client, close } = await connectClient(config);
try {
  // An org sync with an explicit object list: one code path, bounded concurrency, one summary table.
  const handle = await client.workflow.start<typeof syncOrgWorkflow>('syncOrgWorkflow', {
    taskQueue: config.temporal.taskQueue,
    workflowId: orgSyncWorkflowId(connection),
    // Attach to a sync of this org that is already running instead of starting a second one.
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [{ connection, mode: values.full ? 'full' : 'incremental', ...(objects?.length ? { objects } : {}) }],
    typedSearchAttributes: [{ key: SfConnection, value: connection }, { key: SfObject, value: '*' }],
    staticSummary: `sfsync ${values.full ? 'full' : 'incremental'} sync of ${connection}${objects?.length ? `: ${objects.join(', ')}` : ''}`,
  });
  console.log(`following ${handle.workflowId} (run ${handle.firstExecutionRunId}); a worker must be running (npm run worker)`);
  const summary: OrgSyncSummary = await watchProgress(client, handle.result(), orgObjects(handle));
  console.log(`\n${orgSummaryTable(summary)}`);
  process.exitCode = summary.failed > 0 ? 1 : 0;
} finally {
  await close();
}
