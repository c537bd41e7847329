/**
 * How long to wait before each poll of a Bulk API 2.0 job. Pure and dependency-free, so a Temporal
 * workflow that polls with durable timers can import this file directly and follow the same schedule.
 */
export interface PollSchedule {
  /** Delay before the second poll, in ms. */
  initial: number;
  /** The delay doubles up to this cap, in ms. */
  max: number;
}

/**
 * Small jobs finish in seconds, so the first polls come quickly; a job that runs for hours is polled
 * every 30 s, a few thousand calls a day at most against the org's API budget (docs/salesforce-api.md §6.5: every poll counts).
 */
export const DEFAULT_POLL_SCHEDULE: PollSchedule = { initial: 500, max: 30_000 };

/** Delay after poll number `attempt` (0 for the first poll): initial × 2^attempt, capped at max. */
export function nextPollDelay(attempt: number, schedule: Partial<PollSchedule> = {}): number {
  const { initial, max } = { ...DEFAULT_POLL_SCHEDULE, ...schedule };
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 30);
  return Math.min(max, initial * 2 ** exponent);
}
