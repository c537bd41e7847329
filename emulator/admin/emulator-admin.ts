import type { BulkJobSummary } from '../bulk/bulk-jobs.js';
import type { BulkJobFaultRule } from '../bulk/job-fault-rules.js';
import type { FaultRule } from '../faults/fault-rule.js';
import type { MutateRequest, MutateResult } from './org-mutations.js';

export interface ApiUsageSnapshot {
  used: number;
  max: number;
}

export interface RecordsOptions {
  /** Include recycle-bin records (IsDeleted = true), as queryAll does. */
  includeDeleted?: boolean;
}

/**
 * Test and operator controls of a running emulator. The same operations are served over HTTP under
 * `/__admin/` (see emulator/README.md); `connectAdmin(url)` is the HTTP client of this interface.
 */
export interface EmulatorAdmin {
  injectFaults(rules: FaultRule[]): Promise<void>;
  clearFaults(): Promise<void>;
  /** Moves emulator time forward; returns the new time (epoch ms). */
  advanceClock(ms: number): Promise<number>;
  /** Emulator time, epoch ms. */
  now(): Promise<number>;
  /** Generated creates, updates and deletes on one object; returns the IDs touched. */
  mutate(request: MutateRequest): Promise<MutateResult>;
  /** Inserts exact records (system fields such as Id, CreatedDate and SystemModstamp may be set); returns their IDs. */
  insertRecords(object: string, records: Record<string, unknown>[]): Promise<string[]>;
  /** Updates records by `Id` (system fields may be set); returns their IDs. */
  updateRecords(object: string, records: Record<string, unknown>[]): Promise<string[]>;
  /** Moves records to the recycle bin, cascading as a REST delete does; returns their IDs. */
  deleteRecords(object: string, ids: string[]): Promise<string[]>;
  /** Every field of every record in Id order, in REST JSON value shapes, without `attributes`. */
  records(object: string, options?: RecordsOptions): AsyncIterable<Record<string, unknown>>;
  resetApiUsage(): Promise<void>;
  /** Counts API requests as if another integration had made them. */
  spendApiCalls(calls: number): Promise<void>;
  setDailyApiLimit(max: number): Promise<void>;
  apiUsage(): Promise<ApiUsageSnapshot>;
  /** HTTP requests per `METHOD /route/:template` since start (or the last reset); admin calls are not counted. */
  callCounts(): Promise<Record<string, number>>;
  resetCallCounts(): Promise<void>;
  /** Every access token issued so far stops working (401 INVALID_SESSION_ID); refresh tokens keep working. */
  expireTokens(): Promise<void>;
  /** Faults for Bulk jobs created from now on: end Failed with an errorMessage, stay InProgress until released, run slow. */
  addBulkJobFaults(rules: BulkJobFaultRule[]): Promise<void>;
  clearBulkJobFaults(): Promise<void>;
  /** Lets a Bulk job held InProgress by a `hold` fault go on; its processing time counts from now. */
  releaseBulkJob(jobId: string): Promise<void>;
  /** Every Bulk job created since start, in creation order, deleted and expired ones included. */
  bulkJobs(): Promise<BulkJobSummary[]>;
}
