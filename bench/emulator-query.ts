/**
 * Emulator query benchmark: seeds 1M Account records in an emulator child process, then walks the sync
 * engine's keyset query over HTTP in 2,000-record pages, timing every page (request sent → body received),
 * and reads the emulator process's resident memory (current and peak) from /proc.
 *
 *   npx tsx bench/emulator-query.ts [records=1000000]
 */
import { fork } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import type { EmulatorCredentials } from '../emulator/index.js';
import { startEmulator } from '../emulator/index.js';
import { OrgSchema } from '../emulator/schema/org-schema.js';

const SERVE = '--serve';
const NEXT_RECORDS_URL = /"nextRecordsUrl":"([^"]+)"/;
/** USER_HZ: 100 on every Linux this runs on. */
const CLOCK_TICKS_PER_SECOND = 100;
const VERSION = '62.0';

interface Ready {
  credentials: EmulatorCredentials;
  seedSeconds: number;
}

/** Child process: runs the emulator until the parent disconnects. */
async function serve(records: number): Promise<void> {
  const started = performance.now();
  const emulator = await startEmulator({ seed: `Account=${records}`, tokenTtlSeconds: 86_400 });
  const ready: Ready = { credentials: emulator.credentials, seedSeconds: (performance.now() - started) / 1000 };
  process.send?.(ready);
  process.once('disconnect', () => {
    void emulator.close().then(() => process.exit(0));
  });
}

/** CPU time (user + system) a process has used so far, in ms: unlike wall time, unaffected by other load. */
async function cpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  // Fields 14 and 15 of /proc/<pid>/stat (utime, stime) in clock ticks; counted here from field 3, the state.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** VmRSS and VmHWM (peak) of a process, in MB. */
async function memory(pid: number): Promise<{ rssMB: number; peakMB: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string): number => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN);
  return { rssMB: Math.round(kb('VmRSS') / 1024), peakMB: Math.round(kb('VmHWM') / 1024) };
}

/** Follows a query's cursor to the end, timing each page from request to complete body. */
async function walk(instanceUrl: string, headers: Record<string, string>, pid: number, firstUrl: string): Promise<{ rows: number; summary: Record<string, number> }> {
  const pageMs: number[] = [];
  let bytes = 0;
  let rows = 0;
  let next: string | undefined = firstUrl;
  const started = performance.now();
  const cpuBefore = await cpuMs(pid);
  while (next !== undefined) {
    const pageStarted = performance.now();
    const response = await request(`${instanceUrl}${next}`, { headers });
    const text: string = await response.body.text();
    pageMs.push(performance.now() - pageStarted);
    bytes += Buffer.byteLength(text);
    // The client only needs the cursor and a row count; parsing megabytes of JSON per page would compete with
    // the emulator for the same CPUs and inflate the figures.
    rows += text.split('{"attributes":{"type":"Account"').length - 1;
    next = NEXT_RECORDS_URL.exec(text.slice(0, 300))?.[1];
  }
  const cpuPerPage = (await cpuMs(pid) - cpuBefore) / pageMs.length;
  const sorted = [...pageMs].sort((a, b) => a - b);
  const round = (value: number): number => Number(value.toFixed(1));
  return {
    rows,
    summary: {
      pages: pageMs.length,
      firstPageMs: round(pageMs[0] ?? 0),
      pageP50Ms: round(percentile(sorted, 50)),
      pageP95Ms: round(percentile(sorted, 95)),
      pageMaxMs: round(sorted.at(-1) ?? 0),
      emulatorCpuPerPageMs: round(cpuPerPage),
      averagePageKB: Math.round(bytes / pageMs.length / 1024),
      walkSeconds: round((performance.now() - started) / 1000),
    },
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function measure(records: number): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), [SERVE, String(records)], { execArgv: ['--import', 'tsx'] });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Ready));
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  try {
    const pid = child.pid as number;
    const afterSeed = await memory(pid);
    const { instanceUrl, clientId, clientSecret } = ready.credentials;
    const token = await fetch(`${instanceUrl}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
    });
    const { access_token: accessToken } = (await token.json()) as { access_token: string };
    const headers = { authorization: `Bearer ${accessToken}` };
    // Every Account field a sync selects: all but the compound address and location fields.
    const fields = new OrgSchema().object('Account')!.fields
      .filter((field) => field.type !== 'address' && field.type !== 'location')
      .map((field) => field.name);
    const where = "(SystemModstamp > 2000-01-01T00:00:00.000Z OR (SystemModstamp = 2000-01-01T00:00:00.000Z AND Id > '000000000000000AAA')) AND SystemModstamp <= 2100-01-01T00:00:00.000Z";
    const queryUrl = (soql: string): string => `/services/data/v${VERSION}/query?q=${encodeURIComponent(soql)}`;

    // COUNT() of the window: the first call after seeding also pays for compiling the query path.
    const countOnce = async (): Promise<{ totalSize: number; ms: number }> => {
      const started = performance.now();
      const body = (await (await fetch(`${instanceUrl}${queryUrl(`SELECT COUNT() FROM Account WHERE ${where}`)}`, { headers })).json()) as { totalSize: number };
      return { totalSize: body.totalSize, ms: performance.now() - started };
    };
    const count = await countOnce();
    const warmCount = await countOnce();

    const all = await walk(instanceUrl, headers, pid, queryUrl(`SELECT ${fields.join(', ')} FROM Account WHERE ${where} ORDER BY SystemModstamp ASC, Id ASC`));
    const narrow = await walk(instanceUrl, headers, pid, queryUrl(`SELECT Id, SystemModstamp, IsDeleted, Name, OwnerId FROM Account WHERE ${where} ORDER BY SystemModstamp ASC, Id ASC`));
    const afterWalks = await memory(pid);
    console.log(JSON.stringify({
      records,
      seedSeconds: Number(ready.seedSeconds.toFixed(1)),
      countQueryMs: { first: Number(count.ms.toFixed(1)), warm: Number(warmCount.ms.toFixed(1)) },
      allFields: { fieldsSelected: fields.length, ...all.summary },
      fiveFields: { fieldsSelected: 5, ...narrow.summary },
      emulatorRssAfterSeedMB: afterSeed.rssMB,
      emulatorRssAfterWalksMB: afterWalks.rssMB,
      emulatorPeakRssMB: afterWalks.peakMB,
      loadAverage1m: Number((loadavg()[0] ?? 0).toFixed(2)),
    }, null, 2));
    if (all.rows !== records || narrow.rows !== records || count.totalSize !== records) {
      throw new Error(`walked ${all.rows} and ${narrow.rows} rows and counted ${count.totalSize}, expected ${records}`);
    }
  } finally {
    child.disconnect();
  }
}

const records = Number(process.argv[3] ?? process.argv[2] ?? 1_000_000);
(process.argv[2] === SERVE ? serve(records) : measure(records)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
