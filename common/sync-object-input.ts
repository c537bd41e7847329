import { z } from 'zod';

/** An ISO 8601 datetime with an explicit zone, e.g. 2024-01-01T00:00:00Z. */
export const isoDatetime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 datetime such as 2024-01-01T00:00:00Z' });

/**
 * `from` before `to`, checked only once both parse: zod runs object refinements even after a field failed,
 * and a malformed `from` must be reported as such, not as a misplaced `to`.
 */
export function fromBeforeTo(range: { from: string; to: string }): boolean {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  return Number.isNaN(from) || Number.isNaN(to) || from < to;
}

/** A Salesforce API name: Account, Invoice__c, ns__Thing__c, Location__Latitude__s. */
const apiName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/, 'must be a Salesforce API name such as Account or Invoice__c');

export const syncTuningSchema = z.strictObject({
  /** Upper bound of a window = Salesforce's now (its Date header) minus this lag, so late-committed records are never skipped. */
  consistencyLagSeconds: z.int().min(0).max(86_400).default(300),
  /** One page activity reads at most this many pages or seconds, then reports back. */
  maxPagesPerActivity: z.int().min(1).max(1_000).default(50),
  maxSecondsPerActivity: z.int().min(1).max(3_600).default(120),
  heartbeatTimeoutSeconds: z.int().min(5).max(600).default(60),
  /** `Sforce-Query-Options: batchSize`, a hint between 200 and 2,000 (Salesforce may return fewer). */
  batchSize: z.int().min(200).max(2_000).default(2_000),
  /**
   * Rows per Bulk API 2.0 results page: one page is one transaction and one locator checkpoint. Rows stream into
   * the database, so memory does not grow with it; larger pages spend fewer calls and redo more after a crash.
   */
  bulkPageRecords: z.int().min(1_000).max(500_000).default(10_000),
  /** Page activities per workflow run before it continues as new, keeping history short. */
  activitiesPerRun: z.int().min(1).max(1_000).default(200),
});

export const syncObjectInputSchema = z.strictObject({
  connection: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must name a configured connection (letters, digits, _ . -)'),
  object: apiName,
  /** Fields to sync; omitted = every field the integration user can read. Id and SystemModstamp are always added. */
  fields: z.array(apiName).min(1).max(800).optional(),
  mode: z.enum(['incremental', 'full']).default('incremental'),
  deleteMode: z.enum(['soft', 'hard']).default('soft'),
  /** Above this many records in the window the Bulk API 2.0 route is chosen. */
  bulkThreshold: z.int().min(0).default(50_000),
  tuning: syncTuningSchema.default(() => syncTuningSchema.parse({})),
  /**
   * Re-read only records whose SystemModstamp is in [from, to), under a cursor of its own (a backfill slice),
   * leaving the incremental watermark alone. Omitted = the incremental window (watermark, now - lag].
   */
  window: z
    .strictObject({ from: isoDatetime, to: isoDatetime, cursor: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,120}$/) })
    .refine(fromBeforeTo, { message: 'from must be before to', path: ['to'] })
    .optional(),
});

export type SyncObjectInput = z.input<typeof syncObjectInputSchema>;
export type SyncObjectRequest = z.output<typeof syncObjectInputSchema>;
export type SyncTuning = z.output<typeof syncTuningSchema>;

/** Human-readable problems, each prefixed by the path of the offending field. */
export function describeInputProblems(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(input)'}: ${issue.message}`).join('; ');
}
