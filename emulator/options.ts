import { z } from 'zod';
import { oauthSettingsSchema } from './auth/oauth-settings.js';
import { bulkSettingsSchema } from './bulk/bulk-settings.js';
import type { EmulatorClock } from './clock.js';
import { faultRuleSchema } from './faults/fault-rule.js';
import { DEVELOPER_EDITION_DAILY_LIMIT } from './limits/api-usage.js';
import { DAILY_BULK_API_BATCHES, DAILY_BULK_V2_QUERY_FILE_STORAGE_MB, DAILY_BULK_V2_QUERY_JOBS } from './limits/bulk-limits.js';
import { DEFAULT_LATEST_VERSION, OLDEST_SUPPORTED_VERSION } from './rest/api-versions.js';

const DAY_MS = 86_400_000;

export const emulatorOptionsSchema = z.object({
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65_535).default(0),
  host: z.string().default('127.0.0.1'),
  /** `demo`, `empty`, or counts such as `Account=1000,Contact=3000`; only ever fills an empty org. */
  seed: z.string().default('empty'),
  /** Persisted org, credentials.json and keys. Omitted: a temporary directory, removed on close. */
  stateDir: z.string().optional(),
  tls: z.boolean().default(false),
  /** Defaults to real time plus an offset the admin API can advance. */
  clock: z.custom<EmulatorClock>((value) => typeof (value as Partial<EmulatorClock> | null)?.now === 'function').optional(),
  faults: z.array(faultRuleSchema).default([]),
  limits: z.object({
    dailyApiRequests: z.number().int().nonnegative().default(DEVELOPER_EDITION_DAILY_LIMIT),
    dailyBulkV2QueryJobs: z.number().int().nonnegative().default(DAILY_BULK_V2_QUERY_JOBS),
    dailyBulkV2QueryFileStorageMB: z.number().int().nonnegative().default(DAILY_BULK_V2_QUERY_FILE_STORAGE_MB),
    dailyBulkApiBatches: z.number().int().nonnegative().default(DAILY_BULK_API_BATCHES),
  }).prefault({}),
  /** Access-token lifetime (2 hours, the usual session timeout). */
  tokenTtlSeconds: z.number().positive().default(7200),
  /** The org changes by itself at this rate. */
  activity: z.object({ ratePerMinute: z.number().positive() }).optional(),
  /** Newest API version served. */
  apiVersion: z.coerce.number().int().min(OLDEST_SUPPORTED_VERSION).default(DEFAULT_LATEST_VERSION),
  oauth: oauthSettingsSchema.prefault({}),
  cursors: z.object({
    /** Idle cursor lifetime: 2 days today, 15 minutes in older releases [FLAG docs/salesforce-api.md §4.2]. */
    ttlMs: z.number().positive().default(2 * DAY_MS),
    maxOpen: z.number().int().positive().nullable().default(null),
    boundToSession: z.boolean().default(false),
  }).prefault({}),
  /** Bulk API 2.0 job timing, page sizes and upload rules (`bulk/bulk-settings.ts`). */
  bulk: bulkSettingsSchema.prefault({}),
  /** Seed of the generators behind data, fault rolls and activity. */
  randomSeed: z.string().default('sfsync-emulator'),
});

export type EmulatorOptions = z.input<typeof emulatorOptionsSchema>;
export type ResolvedEmulatorOptions = z.output<typeof emulatorOptionsSchema>;
