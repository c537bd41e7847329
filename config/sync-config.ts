import { z } from 'zod';
import { objectSyncSettingsSchema } from '../common/sync-org-input.js';

/** A Temporal Schedule spec: a fixed interval or cron expressions. */
export const scheduleSchema = z.union([
  z.strictObject({ every: z.string().regex(/^\d+\s*(s|m|h|d)$/, "an interval such as '15m', '1h' or '1d'"), offset: z.string().optional() }),
  z.strictObject({ cron: z.array(z.string().min(9)).min(1) }),
]);

/**
 * The org's daily API request cap is shared by every integration; these thresholds keep sfsync well below it
 * (the seed documents ask for throttling at 70-80 % of the cap, before it, never after).
 */
export const budgetSchema = z
  .strictObject({
    /** Usage ratio of DailyApiRequests at which a warning is logged, counted and sent to the webhook. */
    warnAt: z.number().gt(0).lte(1).default(0.7),
    /** Usage ratio at which syncs pause until usage falls below it again. */
    throttleAt: z.number().gt(0).lte(1).default(0.75),
    /** At most this many calls by sfsync itself in any rolling 24 hours (across every worker); omitted = no share. */
    callerShare: z.int().positive().optional(),
    /** How often a paused sync re-checks the budget. */
    recheckMinutes: z.number().positive().max(24 * 60).default(5),
    /** Daily Bulk API 2.0 query jobs sfsync may start (DailyBulkV2QueryJobs is 10,000 per org). */
    bulkQueryJobsShare: z.int().positive().optional(),
  })
  .refine((budget) => budget.warnAt <= budget.throttleAt, { message: 'warnAt must not exceed throttleAt', path: ['warnAt'] });

export const connectionSyncSchema = z.strictObject({
  /** Objects to sync; omitted = every replicateable object in the org. */
  objects: z.array(z.union([objectSyncSettingsSchema.shape.object, objectSyncSettingsSchema])).min(1).optional(),
  /** Defaults for every object of this connection. */
  deleteMode: z.enum(['soft', 'hard']).optional(),
  bulkThreshold: z.int().min(0).optional(),
  /** Object syncs of an org-wide run executing at once. */
  concurrency: z.int().min(1).max(50).default(4),
  /** When Temporal runs the org-wide incremental sync; omitted = never on its own. */
  schedule: scheduleSchema.optional(),
  budget: budgetSchema.default(() => budgetSchema.parse({})),
  /**
   * The destination schema of this connection's tables and bookkeeping; default `<destination.schema>_<name>`
   * (see connection-schemas.ts). No two connections may share one.
   */
  schema: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a schema name: a letter, then letters, digits and underscores').max(63).optional(),
  /** How often the limits monitor reads /limits for this connection. */
  monitorEvery: z.string().regex(/^\d+\s*(s|m|h)$/).default('5m'),
});

export const syncConfigSchema = z.looseObject({
  syncs: z.record(z.string(), connectionSyncSchema).default({}),
  temporal: z
    .strictObject({ address: z.string().min(1).optional(), namespace: z.string().min(1).optional(), taskQueue: z.string().min(1).optional() })
    .default({}),
  alerts: z.strictObject({ webhookUrl: z.url().optional() }).default({}),
  /** Prometheus metrics of the worker (ours and the Temporal SDK's) on this port; omitted = not served. */
  metrics: z.strictObject({ port: z.int().min(0).max(65_535).optional(), host: z.string().default('127.0.0.1') }).default({ host: '127.0.0.1' }),
  destination: z
    .strictObject({
      /** The name of the environment variable holding the PostgreSQL URL (it carries a password). */
      databaseUrlEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional(),
      /** The prefix of every connection's default schema, and the schema of the single-connection layout before it. */
      schema: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/).optional(),
      pgliteDir: z.string().min(1).optional(),
    })
    .default({}),
});

export type ConnectionSync = z.output<typeof connectionSyncSchema>;
export type SyncConfig = z.output<typeof syncConfigSchema>;
export type Schedule = z.output<typeof scheduleSchema>;
export type Budget = z.output<typeof budgetSchema>;
