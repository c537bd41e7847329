import { Agent, fetch, type Dispatcher } from 'undici';
import type { BulkJobSummary } from '../bulk/bulk-jobs.js';
import type { BulkJobFaultRule } from '../bulk/job-fault-rules.js';
import type { FaultRule } from '../faults/fault-rule.js';
import type { ApiUsageSnapshot, EmulatorAdmin, RecordsOptions } from './emulator-admin.js';
import type { MutateRequest, MutateResult } from './org-mutations.js';

export interface AdminClientOptions {
  /** PEM certificate to trust, for an emulator started with TLS (its `tls-cert.pem`). */
  ca?: string;
}

/** The admin API of an emulator running in another process, over HTTP. */
export function connectAdmin(baseUrl: string, options: AdminClientOptions = {}): EmulatorAdmin {
  const dispatcher: Dispatcher | undefined = options.ca === undefined ? undefined : new Agent({ connect: { ca: options.ca } });
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}/__admin${path}`, {
      method,
      ...(dispatcher === undefined ? {} : { dispatcher }),
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`admin ${method} ${path} failed with ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  };
  const done = async (promise: Promise<unknown>): Promise<void> => {
    await promise;
  };
  const ids = async (promise: Promise<{ ids: string[] }>): Promise<string[]> => (await promise).ids;
  const object = (name: string): string => encodeURIComponent(name);
  return {
    injectFaults: (rules: FaultRule[]) => done(call('POST', '/faults', { rules })),
    clearFaults: () => done(call('DELETE', '/faults')),
    advanceClock: async (ms) => (await call<{ now: number }>('POST', '/clock/advance', { ms })).now,
    now: async () => (await call<{ now: number }>('GET', '/clock')).now,
    mutate: (request: MutateRequest) => call<MutateResult>('POST', '/mutate', request),
    insertRecords: (name, records) => ids(call('POST', `/records/${object(name)}`, { records })),
    updateRecords: (name, records) => ids(call('PATCH', `/records/${object(name)}`, { records })),
    deleteRecords: (name, recordIds) => ids(call('DELETE', `/records/${object(name)}`, { ids: recordIds })),
    records: (name: string, recordsOptions: RecordsOptions = {}) => streamRecords(baseUrl, name, recordsOptions, dispatcher),
    resetApiUsage: () => done(call('DELETE', '/api-usage')),
    spendApiCalls: (calls) => done(call('POST', '/api-usage/spend', { calls })),
    setDailyApiLimit: (max) => done(call('PUT', '/api-usage/limit', { max })),
    apiUsage: () => call<ApiUsageSnapshot>('GET', '/api-usage'),
    callCounts: () => call<Record<string, number>>('GET', '/call-counts'),
    resetCallCounts: () => done(call('DELETE', '/call-counts')),
    expireTokens: () => done(call('POST', '/tokens/expire')),
    addBulkJobFaults: (rules: BulkJobFaultRule[]) => done(call('POST', '/bulk/faults', { rules })),
    clearBulkJobFaults: () => done(call('DELETE', '/bulk/faults')),
    releaseBulkJob: (jobId) => done(call('POST', `/bulk/jobs/${encodeURIComponent(jobId)}/release`)),
    bulkJobs: async () => (await call<{ jobs: BulkJobSummary[] }>('GET', '/bulk/jobs')).jobs,
  };
}

async function* streamRecords(
  baseUrl: string, name: string, options: RecordsOptions, dispatcher: Dispatcher | undefined,
): AsyncIterable<Record<string, unknown>> {
  const query = options.includeDeleted === true ? '?includeDeleted=true' : '';
  const response = await fetch(`${baseUrl}/__admin/records/${encodeURIComponent(name)}${query}`, dispatcher === undefined ? {} : { dispatcher });
  if (!response.ok || response.body === null) throw new Error(`admin GET /records/${name} failed with ${response.status}: ${await response.text()}`);
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of response.body) {
    buffered += decoder.decode(chunk as Uint8Array, { stream: true });
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line !== '') yield JSON.parse(line) as Record<string, unknown>;
      newline = buffered.indexOf('\n');
    }
  }
}
