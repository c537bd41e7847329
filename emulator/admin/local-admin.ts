import { setImmediate } from 'node:timers/promises';
import type { BulkJobSummary } from '../bulk/bulk-jobs.js';
import type { BulkJobFaultRule } from '../bulk/job-fault-rules.js';
import { isAdjustableClock } from '../clock.js';
import type { FaultInjector } from '../faults/fault-injector.js';
import type { FaultRule } from '../faults/fault-rule.js';
import type { OrgRuntime } from '../org-runtime.js';
import type { Random } from '../random.js';
import type { ObjectSchema } from '../schema/object-schema.js';
import { purgeRecycleBin } from '../store/delete-records.js';
import { recordFields } from '../store/record-json.js';
import type { CallCounter } from './call-counter.js';
import type { ApiUsageSnapshot, EmulatorAdmin, RecordsOptions } from './emulator-admin.js';
import { deleteRecords, insertRecords, mutateOrg, updateRecords, type MutateRequest, type MutateResult } from './org-mutations.js';

/** Records per chunk when iterating an object; each chunk re-seeks, so the walk tolerates concurrent changes. */
const RECORDS_CHUNK = 500;

export interface LocalAdminDeps {
  runtime: OrgRuntime;
  faults: FaultInjector;
  callCounts: CallCounter;
  random: Random;
}

/** The in-process admin: direct calls on the running org. */
export class LocalAdmin implements EmulatorAdmin {
  constructor(private readonly deps: LocalAdminDeps) {}

  injectFaults(rules: FaultRule[]): Promise<void> {
    return run(() => this.deps.faults.add(rules));
  }

  clearFaults(): Promise<void> {
    return run(() => this.deps.faults.clear());
  }

  advanceClock(ms: number): Promise<number> {
    return run(() => {
      const { clock } = this.deps.runtime;
      if (!isAdjustableClock(clock)) throw new Error('the injected clock has no advance(); move it yourself');
      clock.advance(ms);
      return clock.now();
    });
  }

  now(): Promise<number> {
    return run(() => this.deps.runtime.clock.now());
  }

  mutate(request: MutateRequest): Promise<MutateResult> {
    return run(() => mutateOrg(this.deps.runtime.store, this.object(request.object), request, this.deps.runtime.integrationUserId, this.deps.random));
  }

  insertRecords(object: string, records: Record<string, unknown>[]): Promise<string[]> {
    return run(() => insertRecords(this.deps.runtime.store, this.object(object), records, this.deps.runtime.integrationUserId));
  }

  updateRecords(object: string, records: Record<string, unknown>[]): Promise<string[]> {
    return run(() => updateRecords(this.deps.runtime.store, this.object(object), records, this.deps.runtime.integrationUserId));
  }

  deleteRecords(object: string, ids: string[]): Promise<string[]> {
    return run(() => deleteRecords(this.deps.runtime.store, this.object(object), ids, this.deps.runtime.integrationUserId));
  }

  async *records(object: string, options: RecordsOptions = {}): AsyncIterable<Record<string, unknown>> {
    const schema = this.object(object);
    const { store } = this.deps.runtime;
    const includeDeleted = options.includeDeleted === true;
    if (includeDeleted) purgeRecycleBin(store);
    let lastId: string | null = null;
    for (;;) {
      const index = store.tableFor(schema).index('id', includeDeleted);
      const start: number = lastId === null ? 0 : index.upperBound({ modstamp: 0, id: lastId });
      const chunk: Record<string, unknown>[] = [];
      index.scan(start, 1, (record) => {
        chunk.push(recordFields(record, schema));
        lastId = record.id;
        return chunk.length < RECORDS_CHUNK;
      });
      if (chunk.length === 0) return;
      yield* chunk;
      // Between chunks the server goes on serving requests while a large object is dumped.
      await setImmediate();
    }
  }

  resetApiUsage(): Promise<void> {
    return run(() => this.deps.runtime.usage.reset());
  }

  spendApiCalls(calls: number): Promise<void> {
    return run(() => this.deps.runtime.usage.spend(calls));
  }

  setDailyApiLimit(max: number): Promise<void> {
    return run(() => this.deps.runtime.usage.setMax(max));
  }

  apiUsage(): Promise<ApiUsageSnapshot> {
    return run(() => ({ used: this.deps.runtime.usage.used(), max: this.deps.runtime.usage.max }));
  }

  callCounts(): Promise<Record<string, number>> {
    return run(() => this.deps.callCounts.snapshot());
  }

  resetCallCounts(): Promise<void> {
    return run(() => this.deps.callCounts.reset());
  }

  expireTokens(): Promise<void> {
    return run(() => this.deps.runtime.sessions.expireAll());
  }

  addBulkJobFaults(rules: BulkJobFaultRule[]): Promise<void> {
    return run(() => this.deps.runtime.bulk.faults.add(rules));
  }

  clearBulkJobFaults(): Promise<void> {
    return run(() => this.deps.runtime.bulk.faults.clear());
  }

  releaseBulkJob(jobId: string): Promise<void> {
    return run(() => this.deps.runtime.bulk.release(jobId));
  }

  bulkJobs(): Promise<BulkJobSummary[]> {
    return run(() => this.deps.runtime.bulk.summaries());
  }

  private object(name: string): ObjectSchema {
    const object = this.deps.runtime.store.schema.object(name);
    if (object === undefined) throw new Error(`unknown object: ${name}`);
    return object;
  }
}

/** Admin operations are synchronous inside; the interface is async so the HTTP client can implement it too. */
function run<T>(operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
