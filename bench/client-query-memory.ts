/**
 * Memory while iterating a 1M-record query through the client.
 *
 *   npx tsx bench/client-query-memory.ts [--records 1000000] [--batch-size 2000]
 *
 * A child process plays Salesforce: it serves /query pages of Account-like records on demand (nothing is
 * pre-built), so this process holds only the client. Heap and RSS are sampled while `client.query()` is
 * drained; memory is flat when the heap after warm-up stays within a small band, whatever the record count.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { connectionConfigSchema, createSalesforceClient, TokenCache } from '../salesforce/index.js';

const VERSION = 'v62.0';
const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    'batch-size': { type: 'string', default: '2000' },
    serve: { type: 'boolean', default: false },
  },
});

function record(index: number): string {
  const id = `001${index.toString(36).padStart(12, '0')}AAA`;
  return JSON.stringify({
    attributes: { type: 'Account', url: `/services/data/${VERSION}/sobjects/Account/${id}` },
    Id: id,
    Name: `Account ${index}`,
    AccountNumber: `AN-${index}`,
    Industry: 'Manufacturing',
    AnnualRevenue: index * 10.5,
    NumberOfEmployees: index % 5000,
    Phone: '+1 415 555 0100',
    Website: `https://example-${index}.com`,
    BillingStreet: `${index} Market Street`,
    BillingCity: 'San Francisco',
    BillingPostalCode: '94105',
    BillingCountry: 'United States',
    IsDeleted: false,
    CreatedDate: '2024-01-02T03:04:05.000+0000',
    SystemModstamp: '2024-06-01T10:00:00.000+0000',
  });
}

/** The child: a minimal org answering token, versions and query pages. */
async function serve(total: number): Promise<void> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const json = (body: string) => {
      response.writeHead(200, { 'content-type': 'application/json', 'sforce-limit-info': 'api-usage=1/5000000' });
      response.end(body);
    };
    if (url.pathname === '/services/oauth2/token') {
      json(JSON.stringify({ access_token: '00D000000000001!AQbench1', instance_url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
    } else if (url.pathname === '/services/data/') {
      json(JSON.stringify([{ label: "Winter '25", url: `/services/data/${VERSION}`, version: VERSION.slice(1) }]));
    } else {
      const batch = Number(/batchSize=(\d+)/.exec(String(request.headers['sforce-query-options']))?.[1] ?? 2000);
      const offset = Number(/-(\d+)$/.exec(url.pathname)?.[1] ?? 0);
      const end = Math.min(total, offset + batch);
      const rows: string[] = [];
      for (let i = offset; i < end; i += 1) rows.push(record(i));
      const next = end < total ? `,"nextRecordsUrl":"/services/data/${VERSION}/query/01gBENCH000000001AAA-${end}"` : '';
      json(`{"totalSize":${total},"done":${end >= total}${next},"records":[${rows.join(',')}]}`);
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  process.send?.({ port: (server.address() as AddressInfo).port });
}

interface Sample {
  records: number;
  heapUsedMb: number;
  rssMb: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const gc = (globalThis as { gc?: () => void }).gc;

function sample(records: number): Sample {
  gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  return { records, heapUsedMb: mb(heapUsed), rssMb: mb(rss) };
}

async function measure(total: number, batchSize: number): Promise<void> {
  const child = fork(process.argv[1] ?? '', ['--serve', '--records', String(total)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [{ port }] = (await once(child, 'message')) as [{ port: number }];
  const loginUrl = `http://127.0.0.1:${port}`;
  const config = connectionConfigSchema.parse({
    name: 'bench',
    loginUrl,
    apiVersion: VERSION,
    auth: { flow: 'client_credentials', clientId: 'bench', clientSecret: { env: 'BENCH_SECRET' } },
  });
  const client = createSalesforceClient(config, { env: { BENCH_SECRET: 'x' }, tokenCache: new TokenCache() });
  const samples: Sample[] = [sample(0)];
  const sampleEvery = Math.max(batchSize, Math.floor(total / 40));
  const started = performance.now();
  let count = 0;
  try {
    for await (const row of client.query('SELECT Id, Name FROM Account', { batchSize })) {
      if (typeof row.Id !== 'string') throw new Error('bad record');
      count += 1;
      if (count % sampleEvery === 0) samples.push(sample(count));
    }
  } finally {
    await client.close();
    child.kill();
  }
  const seconds = (performance.now() - started) / 1000;
  samples.push(sample(count));

  // Memory after the first tenth (warm-up: JIT, pools, first pages) must not grow with the record count.
  const steady = samples.filter((s) => s.records >= total / 10);
  const heaps = steady.map((s) => s.heapUsedMb);
  const rss = steady.map((s) => s.rssMb);
  const heapBand = Math.max(...heaps) - Math.min(...heaps);
  const firstHalf = steady.filter((s) => s.records <= total / 2).map((s) => s.heapUsedMb);
  const secondHalf = steady.filter((s) => s.records > total / 2).map((s) => s.heapUsedMb);
  const drift = Math.max(...secondHalf) - Math.max(...firstHalf);
  console.log(`records: ${count} in ${Math.ceil(count / batchSize)} pages of ${batchSize}, ${seconds.toFixed(1)} s (${Math.round(count / seconds)} records/s)`);
  console.log(`gc between samples: ${gc ? 'yes' : 'no (run with NODE_OPTIONS=--expose-gc for exact heap figures)'}`);
  console.log('records      heapUsed MB   rss MB');
  for (const s of samples) console.log(`${String(s.records).padStart(9)}  ${String(s.heapUsedMb).padStart(10)}  ${String(s.rssMb).padStart(8)}`);
  console.log(`after warm-up: heap ${Math.min(...heaps)}-${Math.max(...heaps)} MB (band ${heapBand.toFixed(1)} MB, drift second half vs first ${drift.toFixed(1)} MB); rss ${Math.min(...rss)}-${Math.max(...rss)} MB`);
  const flat = drift < 5;
  console.log(flat ? 'FLAT: heap does not grow with the number of records' : 'GROWING: heap grows with the number of records');
  process.exitCode = flat ? 0 : 1;
}

const total = Number(values.records);
if (values.serve) await serve(total);
else await measure(total, Number(values['batch-size']));
