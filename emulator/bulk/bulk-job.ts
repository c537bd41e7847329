import { formatDateTime } from '../values/datetime.js';
import { invalidJobState } from './bulk-errors.js';
import type { JobTiming } from './bulk-settings.js';
import type { ColumnDelimiter, LineEnding } from './csv-format.js';
import type { BulkJobFault } from './job-fault-rules.js';

/** Job states (docs/salesforce-api.md §6.1): only ingest jobs are ever Open; query jobs start at UploadComplete. */
export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

/** What every job is created with. */
export interface JobBasics {
  /** 18-character ID with the `750` key prefix. */
  id: string;
  /** Canonical sObject name. */
  object: string;
  createdById: string;
  /** Emulator time, whole seconds. */
  createdDate: number;
  /** API version of the request that created the job, e.g. 62. */
  apiVersion: number;
  lineEnding: LineEnding;
  columnDelimiter: ColumnDelimiter;
}

/**
 * A job's life in emulator time. Nothing runs in the background: `advance(now)` replays whatever was due
 * by `now` (queued → InProgress → work → terminal), so jobs behave the same under a real or a manual clock.
 */
export abstract class BulkJob {
  state: JobState;
  systemModstamp: number;
  errorMessage: string | null = null;
  /** When the job went InProgress and when it reached a terminal state. */
  startedAt: number | null = null;
  finishedAt: number | null = null;
  private queuedAt: number | null = null;
  /** Start of the processing timeline: InProgress, or the moment a held job was released. */
  protected runFrom = 0;
  private held = false;
  /** A release that came before the job went InProgress: the hold never takes effect. */
  private released = false;
  /** The latest time the job was advanced to. */
  protected lastSeen: number;

  constructor(
    readonly basics: JobBasics,
    private readonly timing: JobTiming,
    protected readonly fault: BulkJobFault | null,
    initialState: 'Open' | 'UploadComplete',
    now: number,
  ) {
    this.state = initialState;
    this.systemModstamp = basics.createdDate;
    this.lastSeen = now;
    if (initialState === 'UploadComplete') this.queuedAt = now;
  }

  get id(): string {
    return this.basics.id;
  }

  get terminal(): boolean {
    return this.state === 'JobComplete' || this.state === 'Failed' || this.state === 'Aborted';
  }

  /** Plays every transition due by `now`. */
  advance(now: number): void {
    this.lastSeen = Math.max(this.lastSeen, now);
    if (this.state === 'UploadComplete' && this.queuedAt !== null && now >= this.queuedAt + this.timing.queuedMs) {
      const at = this.queuedAt + this.timing.queuedMs;
      this.state = 'InProgress';
      this.startedAt = at;
      this.runFrom = at;
      this.held = this.fault?.kind === 'hold' && !this.released;
      this.touch(at);
    }
    if (this.state === 'InProgress' && !this.held) this.process(now);
  }

  abort(now: number): void {
    this.advance(now);
    if (this.terminal) throw invalidJobState(`Cannot abort a job in state ${this.state}`);
    this.end('Aborted', now);
  }

  /** Lets a held job go on; its processing time counts from now. */
  release(now: number): void {
    this.advance(now);
    this.released = true;
    if (!this.held) return;
    this.held = false;
    this.runFrom = now;
    this.advance(now);
  }

  /** The fields every job info starts with, datetimes as `2024-01-02T03:04:05.000+0000`. */
  protected infoHead(): Record<string, unknown> {
    const { basics } = this;
    return {
      id: basics.id,
      operation: this.operation,
      object: basics.object,
      createdById: basics.createdById,
      createdDate: formatDateTime(basics.createdDate),
      systemModstamp: formatDateTime(this.systemModstamp),
      state: this.state,
    };
  }

  /** Fields every job info has after the state: all Bulk API 2.0 jobs run in Parallel mode on CSV. */
  protected infoSettings(): { concurrencyMode: 'Parallel'; contentType: 'CSV'; apiVersion: number } {
    return { concurrencyMode: 'Parallel', contentType: 'CSV', apiVersion: this.basics.apiVersion };
  }

  /** Milliseconds spent InProgress so far. */
  protected processingTime(): number {
    if (this.startedAt === null) return 0;
    return Math.max(0, Math.round((this.finishedAt ?? this.lastSeen) - this.startedAt));
  }

  /** How long processing `records` records takes, a `slow` fault overriding the settings. */
  protected processingDuration(records: number): number {
    if (this.fault?.kind === 'slow') return this.fault.processingMs;
    return this.timing.processingMs + (this.timing.msPerThousandRecords * records) / 1000;
  }

  protected markUploadComplete(now: number): void {
    this.state = 'UploadComplete';
    this.queuedAt = now;
    this.touch(now);
  }

  protected end(state: 'JobComplete' | 'Failed' | 'Aborted', at: number, errorMessage: string | null = null): void {
    this.state = state;
    this.finishedAt = at;
    this.errorMessage = errorMessage;
    this.touch(at);
  }

  abstract get operation(): string;

  /** Does the InProgress work due by `now`, ending the job when it is all done. */
  protected abstract process(now: number): void;

  private touch(at: number): void {
    this.systemModstamp = Math.max(this.systemModstamp, Math.floor(at / 1000) * 1000);
  }
}
