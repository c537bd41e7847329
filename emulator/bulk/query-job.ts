import type { BulkLimits } from '../limits/bulk-limits.js';
import type { OrgStore } from '../store/org-store.js';
import { BulkJob, type JobBasics } from './bulk-job.js';
import type { JobTiming } from './bulk-settings.js';
import { COLUMN_DELIMITERS, LINE_ENDINGS } from './csv-format.js';
import type { BulkJobFault } from './job-fault-rules.js';
import type { BulkQueryPlan } from './query-check.js';
import { compileQueryCsv, type QueryCsv } from './query-csv.js';
import { QuerySnapshot } from './query-snapshot.js';

export type QueryOperation = 'query' | 'queryAll';

/** Rows formatted to estimate a result's stored size (DailyBulkV2QueryFileStorageMB). */
const SIZE_SAMPLE_ROWS = 1000;

export interface QueryJobSpec {
  basics: JobBasics;
  operation: QueryOperation;
  soql: string;
  plan: BulkQueryPlan;
}

/**
 * A Bulk API 2.0 query job (docs/salesforce-api.md §6.4). It starts in UploadComplete; once queued and processed, the query
 * runs and its rows are frozen in a snapshot, then the job takes a little longer per thousand rows before it
 * is JobComplete. numberRecordsProcessed climbs in between.
 */
export class QueryJob extends BulkJob {
  readonly csv: QueryCsv;
  private snapshot: QuerySnapshot | null = null;
  private progressAt = 0;

  constructor(
    private readonly spec: QueryJobSpec,
    timing: JobTiming,
    fault: BulkJobFault | null,
    private readonly deps: { store: OrgStore; limits: BulkLimits },
    now: number,
  ) {
    super(spec.basics, timing, fault, 'UploadComplete', now);
    this.csv = compileQueryCsv(spec.plan.columns, spec.basics.apiVersion);
  }

  get operation(): QueryOperation {
    return this.spec.operation;
  }

  /** The frozen result; null until the query has run. */
  get result(): QuerySnapshot | null {
    return this.state === 'JobComplete' ? this.snapshot : null;
  }

  /** How many of the result's rows the results pages serve: all of them, unless a `truncate` fault cuts some. */
  get servedRows(): number {
    const size = this.snapshot?.size ?? 0;
    return this.fault?.kind === 'truncate' ? Math.max(0, size - this.fault.missingRows) : size;
  }

  /** The create and abort responses: no jobType, no counters. */
  shortInfo(): Record<string, unknown> {
    const { columnDelimiter, lineEnding } = this.basics;
    return { ...this.infoHead(), ...this.infoSettings(), lineEnding, columnDelimiter };
  }

  /** `GET /jobs/query` entries. */
  listedInfo(): Record<string, unknown> {
    const { columnDelimiter, lineEnding } = this.basics;
    return { ...this.infoHead(), ...this.infoSettings(), jobType: 'V2Query', lineEnding, columnDelimiter };
  }

  /** `GET /jobs/query/{id}`: jobType and the counters; errorMessage, right after the state, when Failed. */
  fullInfo(): Record<string, unknown> {
    const { columnDelimiter, lineEnding } = this.basics;
    return {
      ...this.infoHead(),
      ...(this.errorMessage === null ? {} : { errorMessage: this.errorMessage }),
      ...this.infoSettings(),
      jobType: 'V2Query',
      lineEnding,
      columnDelimiter,
      numberRecordsProcessed: this.recordsProcessed(),
      retries: 0,
      totalProcessingTime: this.processingTime(),
    };
  }

  /** An aborted job's rows are never served, so they are not kept either. */
  override abort(now: number): void {
    super.abort(now);
    this.snapshot = null;
  }

  protected process(now: number): void {
    const queryAt = this.runFrom + this.processingDuration(0);
    if (now < queryAt) return;
    if (this.fault?.kind === 'fail') {
      this.end('Failed', queryAt, this.fault.errorMessage);
      return;
    }
    if (this.snapshot === null) {
      this.snapshot = QuerySnapshot.take(this.deps.store, this.spec.soql, this.spec.operation === 'queryAll', this.spec.plan.columns);
      this.progressAt = queryAt;
    }
    const completeAt = this.runFrom + this.processingDuration(this.snapshot.size);
    if (now < completeAt) return;
    this.deps.limits.queryStorageKb.spend(Math.ceil(this.estimatedBytes(this.snapshot) / 1024));
    this.end('JobComplete', completeAt);
  }

  private recordsProcessed(): number {
    if (this.snapshot === null) return 0;
    if (this.state === 'JobComplete') return this.snapshot.size;
    const completeAt = this.runFrom + this.processingDuration(this.snapshot.size);
    const span = completeAt - this.progressAt;
    const fraction = span <= 0 ? 1 : Math.min(1, (this.lastSeen - this.progressAt) / span);
    return Math.floor(this.snapshot.size * fraction);
  }

  /** The CSV size of the whole result, from an evenly spread sample of rows. */
  private estimatedBytes(snapshot: QuerySnapshot): number {
    const delimiter = COLUMN_DELIMITERS[this.basics.columnDelimiter];
    const newline = LINE_ENDINGS[this.basics.lineEnding];
    const header = Buffer.byteLength(this.csv.header(delimiter) + newline);
    if (snapshot.size === 0) return header;
    const step = Math.max(1, Math.floor(snapshot.size / SIZE_SAMPLE_ROWS));
    let sampled = 0;
    let bytes = 0;
    for (let index = 0; index < snapshot.size; index += step) {
      bytes += Buffer.byteLength(this.csv.row(snapshot.row(index), (id) => snapshot.parent(id), delimiter) + newline);
      sampled++;
    }
    return header + Math.ceil((bytes / sampled) * snapshot.size);
  }
}
