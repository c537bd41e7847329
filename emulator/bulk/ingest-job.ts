import type { BulkLimits } from '../limits/bulk-limits.js';
import type { ObjectSchema, RuntimeField } from '../schema/object-schema.js';
import type { OrgStore } from '../store/org-store.js';
import { emptyUpload, invalidJobState, repeatedUpload, uploadTooLarge } from './bulk-errors.js';
import { BulkJob, type JobBasics } from './bulk-job.js';
import type { BulkSettings } from './bulk-settings.js';
import { csvFormat, type CsvFormat } from './csv-format.js';
import { bindColumns, type IngestColumn } from './ingest-columns.js';
import { InvalidUpload, indexUpload, readRows, type IngestData } from './ingest-data.js';
import { applyRow, type IngestOperation, type RowOutcome } from './ingest-row.js';
import type { BulkJobFault } from './job-fault-rules.js';

export interface IngestJobSpec {
  basics: JobBasics;
  operation: IngestOperation;
  object: ObjectSchema;
  externalIdField: RuntimeField | null;
}

/** A closed job's upload: its rows and what happened to each. */
export interface IngestProgress {
  data: IngestData;
  columns: readonly IngestColumn[];
  /** By row; undefined while a row is unprocessed. */
  outcomes: (RowOutcome | undefined)[];
  batches: number;
  processedBatches: number;
  processed: number;
  failed: number;
}

/**
 * A Bulk API 2.0 ingest job (docs/salesforce-api.md §6.1–6.3): Open while it takes its CSV, then queued, then processed in
 * internal batches (10,000 records by default) spread over its processing time, each row saved on its own.
 * Polls see numberRecordsProcessed climb batch by batch; an abort or a failure leaves the rest unprocessed.
 */
export class IngestJob extends BulkJob {
  readonly format: CsvFormat;
  private upload: Buffer | null = null;
  private processing: IngestProgress | null = null;
  /** Why the upload cannot be processed (bad header, wrong line ending); the job fails with it. */
  private invalid: string | null = null;

  constructor(
    private readonly spec: IngestJobSpec,
    private readonly settings: BulkSettings['ingest'],
    fault: BulkJobFault | null,
    private readonly deps: { store: OrgStore; limits: BulkLimits },
    now: number,
  ) {
    super(spec.basics, settings, fault, 'Open', now);
    this.format = csvFormat(spec.basics.columnDelimiter, spec.basics.lineEnding);
  }

  get operation(): IngestOperation {
    return this.spec.operation;
  }

  /** `PUT .../batches`: the job's CSV, once (or appended, when the settings allow a second upload). */
  addUpload(bytes: Buffer, now: number): void {
    this.advance(now);
    if (this.state !== 'Open') throw invalidJobState(`Job ${this.id} is not Open; data can only be uploaded to an Open job`);
    if (bytes.length === 0) throw emptyUpload();
    if (this.upload !== null && this.settings.repeatedUpload === 'reject') throw repeatedUpload(this.id);
    const upload = this.upload === null ? bytes : Buffer.concat([this.upload, withoutHeader(bytes)]);
    if (4 * Math.ceil(upload.length / 3) > this.settings.maxUploadBytes) throw uploadTooLarge(this.settings.maxUploadBytes);
    this.upload = upload;
  }

  /** `PATCH {"state":"UploadComplete"}`: indexes the upload and queues the job. */
  close(now: number): void {
    this.advance(now);
    if (this.state !== 'Open') throw invalidJobState(`Cannot close a job in state ${this.state}`);
    if (this.upload !== null) this.prepare(this.upload);
    this.markUploadComplete(now);
  }

  /** Rows and outcomes for the result files; null before the job was closed with usable data. */
  get progress(): IngestProgress | null {
    return this.processing;
  }

  /** The upload as received: the unprocessed records of a job whose data could not be read. */
  get uploaded(): Buffer | null {
    return this.upload;
  }

  /** Create response: the job as Open, with its contentUrl (no leading slash). */
  createdInfo(): Record<string, unknown> {
    const { columnDelimiter, lineEnding } = this.basics;
    return { ...this.shortInfo(), contentUrl: this.contentUrl(), lineEnding, columnDelimiter };
  }

  /** Close and abort responses: no jobType, no format, no counters. */
  shortInfo(): Record<string, unknown> {
    return { ...this.infoHead(), ...this.externalId(), ...this.infoSettings() };
  }

  /** `GET /jobs/ingest` entries. */
  listedInfo(): Record<string, unknown> {
    return { ...this.shortInfo(), ...this.details() };
  }

  /** `GET /jobs/ingest/{id}`: counters once data was uploaded; errorMessage, right after the state, when Failed. */
  fullInfo(): Record<string, unknown> {
    const counters = this.upload === null && this.state === 'Open' ? {} : {
      numberRecordsProcessed: this.processing?.processed ?? 0,
      numberRecordsFailed: this.processing?.failed ?? 0,
      retries: 0,
      totalProcessingTime: this.processingTime(),
      apiActiveProcessingTime: this.processingTime(),
      apexProcessingTime: 0,
    };
    return {
      ...this.infoHead(),
      ...(this.errorMessage === null ? {} : { errorMessage: this.errorMessage }),
      ...this.externalId(),
      ...this.infoSettings(),
      ...this.details(),
      ...counters,
    };
  }

  protected process(now: number): void {
    const work = this.processing;
    if (work === null) {
      // A job closed without data fails [FLAG: wording].
      this.end('Failed', this.runFrom, this.invalid ?? 'InvalidBatch : No data was uploaded for this job');
      return;
    }
    const duration = this.processingDuration(work.data.rowCount);
    for (; work.processedBatches < work.batches; work.processedBatches++) {
      const dueAt = this.runFrom + (duration * (work.processedBatches + 1)) / work.batches;
      if (now < dueAt) return;
      const done = work.processedBatches * this.settings.batchRecords;
      if (this.fault?.kind === 'fail' && done >= this.fault.afterRecords) {
        this.end('Failed', dueAt, this.fault.errorMessage);
        return;
      }
      this.processBatch(work, done);
    }
    const completeAt = this.runFrom + duration;
    if (now < completeAt) return;
    if (this.fault?.kind === 'fail') this.end('Failed', completeAt, this.fault.errorMessage);
    else this.end('JobComplete', completeAt);
  }

  private prepare(upload: Buffer): void {
    try {
      const data = indexUpload(upload, this.format, this.basics.lineEnding);
      const deleting = this.operation === 'delete' || this.operation === 'hardDelete';
      const columns = bindColumns(this.deps.store.schema, this.spec.object, data.header, deleting);
      const batches = Math.ceil(data.rowCount / this.settings.batchRecords);
      const outcomes = new Array<RowOutcome | undefined>(data.rowCount).fill(undefined);
      this.processing = { data, columns, outcomes, batches, processedBatches: 0, processed: 0, failed: 0 };
    } catch (error) {
      if (!(error instanceof InvalidUpload)) throw error;
      this.invalid = error.message;
    }
  }

  private processBatch(work: IngestProgress, from: number): void {
    const to = Math.min(work.data.rowCount, from + this.settings.batchRecords);
    const cells = readRows(work.data, this.format, from, to);
    const context = {
      store: this.deps.store, object: this.spec.object, operation: this.operation,
      externalIdField: this.spec.externalIdField, columns: work.columns, actorId: this.basics.createdById,
    };
    cells.forEach((row, offset) => {
      const outcome = applyRow(context, row);
      work.outcomes[from + offset] = outcome;
      work.processed++;
      if (!outcome.ok) work.failed++;
    });
    this.deps.limits.batches.spend(1);
  }

  private contentUrl(): string {
    return `services/data/v${this.basics.apiVersion.toFixed(1)}/jobs/ingest/${this.id}/batches`;
  }

  private externalId(): { externalIdFieldName?: string } {
    return this.spec.externalIdField === null ? {} : { externalIdFieldName: this.spec.externalIdField.name };
  }

  /** jobType, contentUrl while Open, and the CSV format. */
  private details(): Record<string, unknown> {
    const { columnDelimiter, lineEnding } = this.basics;
    return { jobType: 'V2Ingest', ...(this.state === 'Open' ? { contentUrl: this.contentUrl() } : {}), lineEnding, columnDelimiter };
  }
}

/** An appended upload repeats the header row; only its records are added. */
function withoutHeader(bytes: Buffer): Buffer {
  const newline = bytes.indexOf(0x0a);
  return newline < 0 ? Buffer.alloc(0) : bytes.subarray(newline + 1);
}
