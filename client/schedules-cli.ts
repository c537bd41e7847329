// `npm run schedules -- apply|list|pause|unpause|trigger [--connection NAME] [--note TEXT]`
import { parseArgs } from 'node:util';
import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { loadConfig } from '../config/load-config.js';
import { connectClient } from './connect-client.js';
import { applySchedules } from './schedules/apply-schedules.js';
import { desiredSchedules, orgSyncScheduleId, SCHEDULE_PREFIX } from './schedules/desired-schedules.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { connection: { type: 'string' }, note: { type: 'string' } },
});
const command = positionals[0];
const commands = ['apply', 'list', 'pause', 'unpause', 'trigger'];
if (!command || !commands.includes(command)) {
  console.error(`usage: npm run schedules -- <${commands.join('|')}> [--connection NAME] [--note TEXT]`);
  process.exit(2);
}

const config = await loadConfig();
const { client, close } = await connectClient(config);

async function selectedIds(): Promise<string[]> {
  if (values.connection) return [orgSyncScheduleId(values.connection)];
  const ids: string[] = [];
  for await (const summary of client.schedule.list()) if (summary.scheduleId.startsWith(SCHEDULE_PREFIX)) ids.push(summary.scheduleId);
  return ids;
}

async function list(temporal: Client): Promise<void> {
  const ids = await selectedIds();
  if (ids.length === 0) console.log('no sfsync schedules (run `npm run schedules -- apply`)');
  for (const id of ids) {
    const description = await temporal.schedule.getHandle(id).describe();
    const next = description.info.nextActionTimes[0]?.toISOString() ?? '-';
    const last = description.info.recentActions.at(-1);
    console.log(
      `${id}  ${description.state.paused ? 'PAUSED' : 'active'}  next ${next}  last ${last ? last.takenAt.toISOString() : '-'}` +
        `${description.state.note ? `  note: ${description.state.note}` : ''}`,
    );
  }
}

try {
  switch (command) {
    case 'apply': {
      const changes = await applySchedules(client, desiredSchedules(config));
      if (changes.length === 0) console.log('no schedules configured and none to remove');
      for (const change of changes) console.log(`${change.change.padEnd(8)} ${change.scheduleId}`);
      break;
    }
    case 'list':
      await list(client);
      break;
    case 'pause':
    case 'unpause':
      for (const id of await selectedIds()) {
        const handle = client.schedule.getHandle(id);
        await (command === 'pause' ? handle.pause(values.note ?? 'paused from the sfsync CLI') : handle.unpause(values.note ?? 'unpaused from the sfsync CLI'));
        console.log(`${command}d ${id}`);
      }
      break;
    case 'trigger':
      for (const id of await selectedIds()) {
        // SKIP: a trigger while the previous run is still going does not start a second one.
        await client.schedule.getHandle(id).trigger(ScheduleOverlapPolicy.SKIP);
        console.log(`triggered ${id}`);
      }
      break;
  }
} finally {
  await close();
}
