import { ScheduleAlreadyRunning, ScheduleNotFoundError, type Client, type ScheduleOptions } from '@temporalio/client';
import { SCHEDULE_PREFIX } from './desired-schedules.js';

export type ScheduleChange = { scheduleId: string; change: 'created' | 'updated' | 'deleted' };

/**
 * Makes the namespace's sfsync schedules exactly the desired ones: creates the missing, updates the rest in
 * place (keeping their paused state and history), deletes sfsync schedules no longer configured. Idempotent.
 */
export async function applySchedules(client: Client, desired: readonly ScheduleOptions[]): Promise<ScheduleChange[]> {
  const changes: ScheduleChange[] = [];
  const wanted = new Set(desired.map((s) => s.scheduleId));
  for (const options of desired) {
    try {
      await client.schedule.create(options);
      changes.push({ scheduleId: options.scheduleId, change: 'created' });
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await client.schedule.getHandle(options.scheduleId).update((previous) => ({
        ...previous,
        spec: options.spec,
        action: options.action,
        policies: { ...previous.policies, ...options.policies },
      }));
      changes.push({ scheduleId: options.scheduleId, change: 'updated' });
    }
  }
  for await (const summary of client.schedule.list()) {
    if (!summary.scheduleId.startsWith(SCHEDULE_PREFIX) || wanted.has(summary.scheduleId)) continue;
    try {
      await client.schedule.getHandle(summary.scheduleId).delete();
      changes.push({ scheduleId: summary.scheduleId, change: 'deleted' });
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    }
  }
  return changes;
}
