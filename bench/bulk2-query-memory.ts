/**
 * Memory while streaming a 1M-record Bulk API 2.0 query result through the client.
 *
 *   NODE_OPTIONS=--expose-gc npx tsx bench/bulk2-query-memory.ts [--records 1000000] [--max-records 250000]
 *
 * A child process plays Salesforce: it creates a query job, reports it JobComplete, and serves result pages
 * as CSV generated on demand and written with backpressure (nothing is pre-built), so this process holds
 * only the client. Heap and RSS are sampled while every page's rows are read; memory is flat when the heap
 * after warm-up stays within a small band, whatever the record count and however large a page is.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { connectionConfigSchema, createSalesforceClient, TokenCache } from '../salesforce/index.js';

const VERSION = 'v62.0';
const JOB_ID = '750000000000001AAA';
const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    'max-records': { type: 'string', default: '250000' },
    serve: { type: 'boolean', default: false },
  },
});

const COLUMNS = ['Id', 'Name', 'AccountNumber', 'Industry', 'AnnualRevenue', 'Description', 'Account.Name', 'IsDeleted', 'CreatedDate', 'SystemModstamp'];

/** One row as Salesforce writes it: every value quoted, null as "", some values with commas, quotes and line breaks. */
function row(index: number): string {
  const id = `001${index.toString(36).padStart(12, '0')}AAA`;
  const description = index % 10 === 0 ? `Line one, "quoted"\nline two ${index}` : index % 3 === 0 ? '' : `Customer since ${2000 + (index % 25)}`;
  const values = [id, `Account ${index} 🚀`, `AN-${index}`, 'Manufacturing', String(index * 10.5), description, index % 4 === 0 ? '' : 'Parent Co', 'false', '2024-01-02T03:04:05.000Z', '2024-06-01T10:00:00.000Z'];
  return `${values.map((value) => `"${value.replaceAll('"', '""')}"`).join(',')}\n`;
}

async function writePage(response: ServerResponse, from: number, to: number): Promise<void> {
  response.write(`${COLUMNS.map((column) => `"${column}"`).join(',')}\n`);
  for (let start = from; start < to; start += 1000) {
    let chunk = '';
    for (let index = start; index < Math.min(to, start + 1000); index += 1) chunk += row(index);
    if (!response.write(chunk)) await once(response, 'drain');
  }
  response.end();
}

/** The child: a minimal org answering token, versions, job create/poll and result pages. */
async function serve(total: number): Promise<void> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const json = (body: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json', 'sforce-limit-info': 'api-usage=1/5000000' });
      response.end(JSON.stringify(body));
    };
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const job = { id: JOB_ID, operation: 'query', object: 'Account', createdById: '005000000000001AAA', createdDate: '2025-01-01T00:00:00.000+0000', systemModstamp: '2025-01-01T00:00:00.000+0000', apiVersion: 62, contentType: 'CSV', lineEnding: 'LF', columnDelimiter: 'COMMA' };
    if (url.pathname === '/services/oauth2/token') json({ access_token: '00D000000000001!AQbench1', instance_url: origin });
    else if (url.pathname === '/services/data/') json([{ label: "Winter '25", url: `/services/data/${VERSION}`, version: VERSION.slice(1) }]);
    else if (url.pathname.endsWith('/jobs/query')) json({ ...job, state: 'UploadComplete' });
    else if (url.pathname.endsWith(`/jobs/query/${JOB_ID}`)) json({ ...job, state: 'JobComplete', jobType: 'V2Query', numberRecordsProcessed: total });
    else {
      const offset = Number(Buffer.from(url.searchParams.get('locator') ?? 'MA', 'base64').toString('utf8'));
      const end = Math.min(total, offset + Number(url.searchParams.get('maxRecords') ?? total));
      response.writeHead(200, {
        'content-type': 'text/csv',
        'sforce-limit-info': 'api-usage=1/5000000',
        'sforce-locator': end < total ? Buffer.from(String(end)).toString('base64') : 'null',
        'sforce-numberofrecords': String(end - offset),
      });
      void writePage(response, offset, end);
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  process.send?.({ port: (server.address() as AddressInfo).port });
}

interface Sample {
  records: number;
  seconds: number;
  heapUsedMb: number;
  rssMb: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const gc = (globalThis as { gc?: () => void }).gc;

function sample(records: number, started: number): Sample {
  gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  return { records, seconds: Math.round((performance.now() - started) / 100) / 10, heapUsedMb: mb(heapUsed), rssMb: mb(rss) };
}

async function measure(total: number, maxRecords: number): Promise<void> {
  const child = fork(process.argv[1] ?? '', ['--serve', '--records', String(total)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [{ port }] = (await once(child, 'message')) as [{ port: number }];
  const config = connectionConfigSchema.parse({
    name: 'bench',
    loginUrl: `http://127.0.0.1:${port}`,
    apiVersion: VERSION,
    auth: { flow: 'client_credentials', clientId: 'bench', clientSecret: { env: 'BENCH_SECRET' } },
  });
  const client = createSalesforceClient(config, { env: { BENCH_SECRET: 'x' }, tokenCache: new TokenCache() });
  const started = performance.now();
  const samples: Sample[] = [sample(0, started)];
  const sampleEvery = Math.max(10_000, Math.floor(total / 40));
  let count = 0;
  let pages = 0;
  try {
    // Create and wait as the sync does, then read page by page to count pages too.
    const { job } = await client.bulk2.query('SELECT Id, Name FROM Account', { maxRecords });
    for await (const page of client.bulk2.queryResultPages(job.id, { maxRecords })) {
      pages += 1;
      for await (const record of page.records) {
        if (record.Id === undefined) throw new Error('bad record');
        count += 1;
        if (count % sampleEvery === 0) samples.push(sample(count, started));
      }
    }
  } finally {
    await client.close();
    child.kill();
  }
  const seconds = (performance.now() - started) / 1000;
  samples.push(sample(count, started));

  // Memory after the first tenth (warm-up: JIT, pools, the first page) must not grow with the record count.
  const steady = samples.filter((s) => s.records >= total / 10);
  const heaps = steady.map((s) => s.heapUsedMb);
  const rss = steady.map((s) => s.rssMb);
  const firstHalf = steady.filter((s) => s.records <= total / 2).map((s) => s.heapUsedMb);
  const secondHalf = steady.filter((s) => s.records > total / 2).map((s) => s.heapUsedMb);
  const drift = Math.max(...secondHalf) - Math.max(...firstHalf);
  console.log(`records: ${count} in ${pages} pages of up to ${maxRecords}, ${seconds.toFixed(1)} s (${Math.round(count / seconds)} records/s)`);
  console.log(`gc between samples: ${gc ? 'yes' : 'no (run with NODE_OPTIONS=--expose-gc for exact heap figures)'}`);
  console.log('records    seconds  heapUsed MB   rss MB');
  for (const s of samples) console.log(`${String(s.records).padStart(9)}  ${String(s.seconds).padStart(7)}  ${String(s.heapUsedMb).padStart(10)}  ${String(s.rssMb).padStart(8)}`);
  console.log(`after warm-up: heap ${Math.min(...heaps)}-${Math.max(...heaps)} MB (drift second half vs first ${drift.toFixed(1)} MB); rss ${Math.min(...rss)}-${Math.max(...rss)} MB`);
  const flat = drift < 5;
  console.log(flat ? 'FLAT: heap does not grow with the number of records' : 'GROWING: heap grows with the number of records');
  process.exitCode = flat ? 0 : 1;
}

const total = Number(values.records);
if (values.serve) await serve(total);
else await measure(total, Number(values['max-records']));
