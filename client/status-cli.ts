// `npm run status -- [--connection NAME] [--limit N]`: running syncs with live progress, then recent runs.
import { parseArgs } from 'node:util';
import type { SyncProgress } from '../common/sync-progress.js';
import { loadConfig } from '../config/load-config.js';
import { connectClient } from './connect-client.js';
import { progressLine } from './render/progress-line.js';
import { renderTable } from './render/table.js';

const { values } = parseArgs({ options: { connection: { type: 'string' }, limit: { type: 'string', default: '20' } } });
const config = await loadConfig();
const { client, close } = await connectClient(config);
const filters = [`WorkflowType IN ('syncObjectWorkflow', 'syncOrgWorkflow')`];
if (values.connection) filters.push(`SfConnection = '${values.connection.replaceAll("'", '')}'`);
const limit = Number(values.limit);

try {
  const rows: Array<Array<string | number>> = [];
  const running: string[] = [];
  let count = 0;
  for await (const execution of client.workflow.list({ query: filters.join(' AND ') })) {
    if (count++ >= limit) break;
    const attributes = execution.typedSearchAttributes;
    const object = String(attributes.getAll().find((pair) => pair.key.name === 'SfObject')?.value ?? '-');
    const connection = String(attributes.getAll().find((pair) => pair.key.name === 'SfConnection')?.value ?? '-');
    const seconds = ((execution.closeTime ?? new Date()).getTime() - execution.startTime.getTime()) / 1000;
    rows.push([execution.workflowId, connection, object, execution.status.name, execution.startTime.toISOString(), seconds.toFixed(1)]);
    if (execution.status.name === 'RUNNING' && execution.type === 'syncObjectWorkflow') {
      const progress = await client.workflow.getHandle(execution.workflowId, execution.runId).query<SyncProgress>('progress').catch(() => undefined);
      if (progress) running.push(progressLine(progress));
      if (progress?.pause) running.push(`    paused for the API budget (${progress.pause.reason}) until ${progress.pause.resumeAt}: ${progress.pause.detail}`);
      if (progress?.blocked) running.push(`    waiting: the destination database is unreachable since ${progress.blocked.since}: ${progress.blocked.detail}`);
    }
  }
  if (running.length > 0) console.log(`running\n${running.join('\n')}\n`);
  console.log(rows.length > 0 ? renderTable(['workflow', 'connection', 'object', 'status', 'started', 'seconds'], rows) : 'no syncs yet');
} finally {
  await close();
}
