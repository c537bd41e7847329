import { ScheduleOverlapPolicy, type ScheduleOptions, type ScheduleSpec } from '@temporalio/client';
import { SfConnection, SfObject } from '../../common/search-attributes.js';
import { orgSyncWorkflowId } from '../../common/workflow-ids.js';
import type { ResolvedConfig } from '../../config/load-config.js';
import type { Schedule } from '../../config/sync-config.js';
import type { monitorLimitsWorkflow, syncOrgWorkflow } from '../../workflows/index.js';

/** Every schedule this tool manages starts with this prefix; others in the namespace are left alone. */
export const SCHEDULE_PREFIX = 'sfsync:';

export function orgSyncScheduleId(connection: string): string {
  return `${SCHEDULE_PREFIX}${connection}:org-sync`;
}

export function limitsMonitorScheduleId(connection: string): string {
  return `${SCHEDULE_PREFIX}${connection}:limits-monitor`;
}

function toSpec(schedule: Schedule): ScheduleSpec {
  return 'every' in schedule
    ? { intervals: [{ every: schedule.every as `${number}${'s' | 'm' | 'h' | 'd'}`, ...(schedule.offset ? { offset: schedule.offset as `${number}s` } : {}) }] }
    : { cronExpressions: schedule.cron };
}

/**
 * The Temporal Schedules the configuration asks for: one org-wide incremental sync per scheduled connection,
 * and one limits monitor per connection (it records /limits and wakes syncs paused for the API budget).
 */
export function desiredSchedules(config: ResolvedConfig): ScheduleOptions[] {
  return [...orgSyncSchedules(config), ...[...config.connections.keys()].map((connection) => limitsMonitorSchedule(config, connection))];
}

function limitsMonitorSchedule(config: ResolvedConfig, connection: string): ScheduleOptions {
  const every = (config.syncs[connection]?.monitorEvery ?? '5m') as `${number}${'s' | 'm' | 'h'}`;
  return {
    scheduleId: limitsMonitorScheduleId(connection),
    spec: { intervals: [{ every }] },
    action: {
      type: 'startWorkflow',
      workflowType: 'monitorLimitsWorkflow' satisfies (typeof monitorLimitsWorkflow)['name'],
      args: [{ connection }],
      taskQueue: config.temporal.taskQueue,
      workflowId: `${SCHEDULE_PREFIX}${connection}:limits`,
      typedSearchAttributes: [{ key: SfConnection, value: connection }],
      staticSummary: `API limits monitor of ${connection}`,
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute', pauseOnFailure: false },
    state: { note: `managed by sfsync (${config.file ?? 'embedded defaults'})` },
  };
}

function orgSyncSchedules(config: ResolvedConfig): ScheduleOptions[] {
  return Object.entries(config.syncs).flatMap(([connection, sync]) => {
    if (!sync.schedule) return [];
    const options: ScheduleOptions = {
      scheduleId: orgSyncScheduleId(connection),
      spec: toSpec(sync.schedule),
      action: {
        type: 'startWorkflow',
        workflowType: 'syncOrgWorkflow' satisfies (typeof syncOrgWorkflow)['name'],
        args: [{ connection, concurrency: sync.concurrency }],
        taskQueue: config.temporal.taskQueue,
        workflowId: orgSyncWorkflowId(connection),
        typedSearchAttributes: [
          { key: SfConnection, value: connection },
          { key: SfObject, value: '*' },
        ],
        staticSummary: `Scheduled org-wide sync of ${connection}`,
      },
      policies: {
        // A sync still running when the next one is due is never doubled: the due run is skipped.
        overlap: ScheduleOverlapPolicy.SKIP,
        // After an outage, run once to catch up rather than replaying every missed interval.
        catchupWindow: '10 minutes',
        pauseOnFailure: false,
      },
      state: { note: `managed by sfsync (${config.file ?? 'embedded defaults'})` },
    };
    return [options];
  });
}
