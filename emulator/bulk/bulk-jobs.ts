import { normalizeId } from '../ids/salesforce-id.js';
import { notFoundError } from '../http/rest-error.js';
import type { BulkLimits } from '../limits/bulk-limits.js';
import type { ObjectSchema, RuntimeField } from '../schema/object-schema.js';
import type { OrgStore } from '../store/org-store.js';
import { formatDateTime } from '../values/datetime.js';
import { bulkLimitExceeded, invalidJobState } from './bulk-errors.js';
import type { JobBasics } from './bulk-job.js';
import type { BulkSettings } from './bulk-settings.js';
import { IngestJob } from './ingest-job.js';
import type { IngestOperation } from './ingest-row.js';
import { BulkJobFaults } from './job-fault-rules.js';
import { checkBulkQuery } from './query-check.js';
import { QueryJob, type QueryOperation } from './query-job.js';

/** Bulk API 2.0 job IDs use the `750` key prefix (docs/salesforce-api.md §6.1). */
const JOB_KEY_PREFIX = '750';

export type JobType = 'query' | 'ingest';

/** What the admin API reports about every job the emulator has seen, deleted ones included. */
export interface BulkJobSummary {
  id: string;
  jobType: JobType;
  object: string;
  operation: string;
  state: string;
  createdDate: string;
  deleted: boolean;
}

/** What a create request fixes about a job; the registry adds its ID, object name and creation time. */
export type JobRequest = Omit<JobBasics, 'id' | 'createdDate' | 'object'>;

/**
 * The org's Bulk jobs. Every Bulk request first brings all jobs up to the emulator's current time (queue,
 * process, complete, expire), so state moves with the clock whether it is real or advanced by a test.
 */
export class BulkJobs {
  readonly faults = new BulkJobFaults();
  private readonly jobs = new Map<string, QueryJob | IngestJob>();
  /** Deleted and expired jobs, as they ended: the admin API still counts them. */
  private readonly gone: BulkJobSummary[] = [];

  constructor(
    private readonly store: OrgStore,
    readonly settings: BulkSettings,
    readonly limits: BulkLimits,
  ) {}

  /** A query job for `soql`, after Bulk's checks and the DailyBulkV2QueryJobs limit (docs/salesforce-api.md §6.4, §6.5). */
  createQuery(request: JobRequest, operation: QueryOperation, soql: string): QueryJob {
    this.settle();
    const { queryJobs } = this.limits;
    if (queryJobs.used() >= queryJobs.max) {
      throw bulkLimitExceeded(`Max bulk v2 query jobs (${queryJobs.max}) per 24 hrs has been reached (${queryJobs.used() + 1})`);
    }
    const { queryStorageKb } = this.limits;
    if (queryStorageKb.used() >= queryStorageKb.max) {
      throw bulkLimitExceeded(`Max bulk v2 query result size stored (${queryStorageKb.max}) kb per 24 hrs has been exceeded`);
    }
    const now = this.now();
    const plan = checkBulkQuery(this.store.schema, soql, now);
    const basics = this.basics(request, plan.objectName);
    const fault = this.faults.take({ jobType: 'query', object: plan.objectName, operation });
    const created = new QueryJob({ basics, operation, soql, plan }, this.settings.query, fault, { store: this.store, limits: this.limits }, now);
    queryJobs.spend(1);
    return this.register(created);
  }

  createIngest(request: JobRequest, object: ObjectSchema, operation: IngestOperation, externalIdField: RuntimeField | null): IngestJob {
    this.settle();
    const basics = this.basics(request, object.name);
    const fault = this.faults.take({ jobType: 'ingest', object: object.name, operation });
    const created = new IngestJob(
      { basics, operation, object, externalIdField }, this.settings.ingest, fault, { store: this.store, limits: this.limits }, this.now(),
    );
    return this.register(created);
  }

  /** The job with this ID and type, brought up to date; 404 NOT_FOUND otherwise. */
  get(jobType: 'query', id: string): QueryJob;
  get(jobType: 'ingest', id: string): IngestJob;
  get(jobType: JobType, id: string): QueryJob | IngestJob {
    this.settle();
    const canonical = normalizeId(id);
    const job = canonical === null ? undefined : this.jobs.get(canonical);
    if (job === undefined || jobTypeOf(job) !== jobType) throw notFoundError();
    return job;
  }

  /** Jobs of one type in creation order, brought up to date. */
  list(jobType: JobType): (QueryJob | IngestJob)[] {
    this.settle();
    return [...this.jobs.values()].filter((job) => jobTypeOf(job) === jobType);
  }

  /** `DELETE`: only a job that is neither Open nor InProgress (docs/salesforce-api.md §6.1). */
  delete(jobType: JobType, id: string): void {
    const job = jobType === 'query' ? this.get('query', id) : this.get('ingest', id);
    if (job.state === 'Open' || job.state === 'InProgress') throw invalidJobState(`Cannot delete a job in state ${job.state}`);
    this.forget(job);
  }

  /** The Bulk entries of `/limits`, with every job's due work (and its usage) played first. */
  limitEntries(): ReturnType<BulkLimits['entries']> {
    this.settle();
    return this.limits.entries();
  }

  /** Emulator time, ms. */
  now(): number {
    return this.store.clock.now();
  }

  release(id: string): void {
    const job = this.jobs.get(normalizeId(id) ?? '');
    if (job === undefined) throw new Error(`no Bulk job ${id}`);
    job.release(this.now());
  }

  /** Every job created since start, in creation order. */
  summaries(): BulkJobSummary[] {
    this.settle();
    const live = [...this.jobs.values()].map((job) => summary(job, false));
    // IDs increase with creation.
    return [...this.gone, ...live].sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** Plays every job forward to now and drops jobs past their retention. */
  settle(): void {
    const now = this.store.clock.now();
    for (const job of this.jobs.values()) {
      if (now - job.basics.createdDate >= this.settings.retentionMs) this.forget(job);
      else job.advance(now);
    }
  }

  private basics(request: JobRequest, objectName: string): JobBasics {
    return { ...request, id: this.store.ids.allocate(JOB_KEY_PREFIX), object: objectName, createdDate: this.store.now() };
  }

  private register<J extends QueryJob | IngestJob>(job: J): J {
    this.jobs.set(job.id, job);
    return job;
  }

  private forget(job: QueryJob | IngestJob): void {
    this.jobs.delete(job.id);
    this.gone.push(summary(job, true));
  }
}

function summary(job: QueryJob | IngestJob, deleted: boolean): BulkJobSummary {
  return {
    id: job.id,
    jobType: jobTypeOf(job),
    object: job.basics.object,
    operation: job.operation,
    state: job.state,
    createdDate: formatDateTime(job.basics.createdDate),
    deleted,
  };
}

function jobTypeOf(job: QueryJob | IngestJob): JobType {
  return job instanceof QueryJob ? 'query' : 'ingest';
}
