import { z } from 'zod';

const DAY_MS = 86_400_000;
/** One upload may be 150 MB once base64-encoded (docs/salesforce-api.md §6.1). */
export const MAX_UPLOAD_BASE64_BYTES = 150 * 1024 * 1024;

/** How long a job sits in each state, in emulator time; processing grows with the records the job touches. */
function timing(defaults: { queuedMs: number; processingMs: number; msPerThousandRecords: number }) {
  return {
    /** UploadComplete before InProgress. */
    queuedMs: z.number().nonnegative().default(defaults.queuedMs),
    /** InProgress before JobComplete, whatever the number of records. */
    processingMs: z.number().nonnegative().default(defaults.processingMs),
    /** Added to `processingMs` per 1,000 records. */
    msPerThousandRecords: z.number().nonnegative().default(defaults.msPerThousandRecords),
  };
}

export const bulkSettingsSchema = z.object({
  /** A query job of a few thousand rows completes in about a second and a half. */
  query: z.object({
    ...timing({ queuedMs: 300, processingMs: 1000, msPerThousandRecords: 2 }),
    /**
     * Rows per results page when the client sends no `maxRecords`. Salesforce sizes pages by file size
     * (docs/salesforce-api.md §6.4); a fixed count keeps pages repeatable.
     */
    defaultPageRecords: z.number().int().positive().default(100_000),
    /** Status of a results request before JobComplete: 400, or 412 as older docs show [FLAG docs/salesforce-api.md §6.4]. */
    notCompleteStatus: z.union([z.literal(400), z.literal(412)]).default(400),
  }).prefault({}),
  /** Ingest is slower per record than query: every row is a save. */
  ingest: z.object({
    ...timing({ queuedMs: 300, processingMs: 1000, msPerThousandRecords: 20 }),
    /** Records per internal batch; each batch counts against DailyBulkApiBatches (docs/salesforce-api.md §6.5). */
    batchRecords: z.number().int().positive().default(10_000),
    /** Largest upload, compared with its base64-encoded size as Salesforce does (docs/salesforce-api.md §6.1). */
    maxUploadBytes: z.number().int().positive().max(MAX_UPLOAD_BASE64_BYTES).default(MAX_UPLOAD_BASE64_BYTES),
    /** A second PUT to an Open job: refused with BULK_API_ERROR, or appended to the first [FLAG docs/salesforce-api.md §6.1]. */
    repeatedUpload: z.enum(['reject', 'append']).default('reject'),
  }).prefault({}),
  /** Jobs and their results are deleted 7 days after creation (docs/salesforce-api.md §6.1). */
  retentionMs: z.number().positive().default(7 * DAY_MS),
});

export type BulkSettings = z.output<typeof bulkSettingsSchema>;
export type BulkSettingsInput = z.input<typeof bulkSettingsSchema>;

export interface JobTiming {
  queuedMs: number;
  processingMs: number;
  msPerThousandRecords: number;
}
