import { describe, expect, it } from 'vitest';
import { jobListPage } from '../../../emulator/bulk/job-list.js';
import type { DataRequest } from '../../../emulator/rest/data-request.js';

const jobs = Array.from({ length: 2500 }, (_, index) => ({ listedInfo: () => ({ id: `job-${index}` }) }));

function page(query: string): { done: boolean; records: { id: string }[]; nextRecordsUrl: string | null } {
  const request = { query: new URLSearchParams(query), version: '62.0' } as unknown as DataRequest;
  return jobListPage(jobs, request, 'V2Ingest').body as ReturnType<typeof page>;
}

describe('Bulk job lists', () => {
  it('pages 1,000 jobs at a time through nextRecordsUrl, null on the last page', () => {
    const first = page('');
    expect(first).toMatchObject({ done: false, nextRecordsUrl: expect.stringMatching(/^\/services\/data\/v62\.0\/jobs\/ingest\?queryLocator=/) });
    const second = page(first.nextRecordsUrl!.split('?')[1]!);
    const last = page(second.nextRecordsUrl!.split('?')[1]!);
    expect([first, second, last].map((list) => list.records.length)).toEqual([1000, 1000, 500]);
    expect(last).toMatchObject({ done: true, nextRecordsUrl: null });
    expect(last.records.at(-1)).toEqual({ id: 'job-2499' });
  });

  it('lists nothing for a job type or concurrency mode the emulator never runs', () => {
    expect(page('jobType=Classic').records).toEqual([]);
    expect(page('concurrencyMode=Serial').records).toEqual([]);
    expect(page('jobType=V2Ingest&concurrencyMode=Parallel').records).toHaveLength(1000);
  });
});
