import { z } from 'zod';

/** What happens to a job a rule picks. */
export const bulkJobFaultSchema = z.discriminatedUnion('kind', [
  /**
   * The job ends Failed with this errorMessage when its processing is due. An ingest job first processes
   * `afterRecords` records (whole batches); the rest stay unprocessed.
   */
  z.object({
    kind: z.literal('fail'),
    // A job retried more than 15 times internally fails (docs/salesforce-api.md §6.4).
    errorMessage: z.string().min(1).default('InternalServerError : Retried more than 15 times'),
    afterRecords: z.number().int().nonnegative().default(0),
  }),
  /** The job stays InProgress until the admin releases it; processing then starts over from that moment. */
  z.object({ kind: z.literal('hold') }),
  /** The job takes this long InProgress, whatever the settings say. */
  z.object({ kind: z.literal('slow'), processingMs: z.number().nonnegative() }),
  /**
   * A query job reports every row in numberRecordsProcessed, but its result pages serve this many fewer (a
   * result file cut short); each page's Sforce-NumberOfRecords still matches the rows it holds.
   */
  z.object({ kind: z.literal('truncate'), missingRows: z.number().int().positive() }),
]);

export const bulkJobFaultRuleSchema = z.object({
  jobType: z.enum(['query', 'ingest']).optional(),
  /** sObject name, case-insensitive. */
  object: z.string().optional(),
  /** `query`, `queryAll`, `insert`, `upsert`, ... */
  operation: z.string().optional(),
  /** Applies to this many jobs, then is spent; every matching job when absent. */
  times: z.number().int().positive().optional(),
  fault: bulkJobFaultSchema,
});

export type BulkJobFault = z.output<typeof bulkJobFaultSchema>;
export type BulkJobFaultRule = z.input<typeof bulkJobFaultRuleSchema>;

export interface JobDescription {
  jobType: 'query' | 'ingest';
  object: string;
  operation: string;
}

/** Rules checked in order when a job is created; the first that matches gives the job its fault. */
export class BulkJobFaults {
  private rules: { rule: z.output<typeof bulkJobFaultRuleSchema>; used: number }[] = [];

  add(rules: readonly unknown[]): void {
    for (const rule of rules) this.rules.push({ rule: bulkJobFaultRuleSchema.parse(rule), used: 0 });
  }

  clear(): void {
    this.rules = [];
  }

  take(job: JobDescription): BulkJobFault | null {
    for (const entry of this.rules) {
      const { rule } = entry;
      if (rule.times !== undefined && entry.used >= rule.times) continue;
      if (rule.jobType !== undefined && rule.jobType !== job.jobType) continue;
      if (rule.object !== undefined && rule.object.toLowerCase() !== job.object.toLowerCase()) continue;
      if (rule.operation !== undefined && rule.operation !== job.operation) continue;
      entry.used++;
      return rule.fault;
    }
    return null;
  }
}
