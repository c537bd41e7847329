/**
 * A local PostgreSQL cluster from the Debian packages (`apt-get install -y postgresql`), for tests, CI and development.
 *
 *   tsx scripts/postgres.ts start     # persistent cluster in .data/postgres, prints DATABASE_URL
 *   tsx scripts/postgres.ts restart   # `pg_ctl restart -m immediate`: a server crash, every connection cut
 *   tsx scripts/postgres.ts stop
 *
 * Tests use `startPostgres()` (a throwaway cluster on a free port, see test/setup/postgres.ts).
 */
import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

const POSTGRES_ROOT = '/usr/lib/postgresql';
const DATABASE = 'sfsync';
const SUPERUSER = 'postgres';
const PERSISTENT_DIR = fileURLToPath(new URL('../.data/postgres', import.meta.url));
// The CLI cluster keeps one port so that its DATABASE_URL stays the same between starts.
const PERSISTENT_PORT = 54329;
// Surviving an OS crash is pointless for a cluster that is deleted after the test run; these make it much faster.
// synchronous_commit stays on: with it off, a restart with `-m immediate` (a server crash) loses commits the
// server had acknowledged, which no client can be expected to survive. With fsync off it costs a write() per commit.
const THROWAWAY_SETTINGS = ['fsync=off', 'full_page_writes=off'];

export interface RunningPostgres {
  url: string;
  /** `pg_ctl restart -m immediate`: every connection is cut at once and the server recovers as after a crash. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The `bin` directory of the newest PostgreSQL installed from the Debian packages. */
export async function findPostgresBin(): Promise<string> {
  const versions = (await readdir(POSTGRES_ROOT).catch(() => []))
    .filter((entry) => /^\d+$/.test(entry))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(POSTGRES_ROOT, version, 'bin');
    if (await exists(join(bin, 'initdb'))) return bin;
  }
  throw new Error(`No PostgreSQL server binaries under ${POSTGRES_ROOT}: run \`apt-get install -y postgresql\`.`);
}

/**
 * Starts a cluster listening on 127.0.0.1 only, with trust authentication, and creates the `sfsync` database.
 * Without `dataDir` the cluster lives in a temporary directory that `stop()` deletes.
 */
export async function startPostgres(options: { dataDir?: string; port?: number } = {}): Promise<RunningPostgres> {
  const bin = await findPostgresBin();
  const throwaway = options.dataDir === undefined;
  const dataDir = options.dataDir === undefined ? await mkdtemp(join(tmpdir(), 'sfsync-pg-')) : resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (isRoot()) await run('chown', ['-R', `${SUPERUSER}:${SUPERUSER}`, dataDir]);

  if (!(await exists(join(dataDir, 'PG_VERSION')))) {
    await pgTool(bin, 'initdb', ['-D', dataDir, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  }
  const port = options.port || (await freePort());
  const settings = ['listen_addresses=127.0.0.1', 'unix_socket_directories=', ...(throwaway ? THROWAWAY_SETTINGS : [])];
  const serverOptions = [`-p ${port}`, ...settings.map((setting) => `-c ${setting}`)].join(' ');
  const logFile = join(dataDir, 'server.log');
  try {
    await pgTool(bin, 'pg_ctl', ['-D', dataDir, '-l', logFile, '-o', serverOptions, '-w', '-t', '60', 'start']);
  } catch (error) {
    const log = await readFile(logFile, 'utf8').catch(() => '');
    throw new Error(`PostgreSQL did not start: ${String(error)}\n${log.slice(-2000)}`);
  }
  await createDatabase(port);

  return {
    url: databaseUrl(port),
    restart: () => restartImmediately(bin, dataDir),
    async stop() {
      await pgTool(bin, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      if (throwaway) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Restarts a running cluster as after a crash; the server keeps its options (postmaster.opts) and port. */
async function restartImmediately(bin: string, dataDir: string): Promise<void> {
  // The log file keeps the server's output off pg_ctl's stdout, which would otherwise stay open for the server's life.
  await pgTool(bin, 'pg_ctl', ['-D', dataDir, '-l', join(dataDir, 'server.log'), '-m', 'immediate', '-w', '-t', '60', 'restart']);
}

function databaseUrl(port: number, database = DATABASE): string {
  return `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
}

async function createDatabase(port: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl(port, 'postgres') });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/** initdb refuses to run as root, so as root the tools run as the `postgres` OS user, which owns the data dir. */
async function pgTool(bin: string, tool: string, args: string[]): Promise<void> {
  const command = join(bin, tool);
  const [file, argv] = isRoot() ? ['runuser', ['-u', SUPERUSER, '--', command, ...args]] : [command, args];
  await run(file, argv, { cwd: tmpdir() });
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done, fail) => server.once('error', fail).listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (address === null || typeof address === 'string') throw new Error('Could not find a free port');
  return address.port;
}

/** The port of the persistent cluster if it is running (line 4 of postmaster.pid), else null. */
async function runningPort(dataDir: string): Promise<number | null> {
  const pidFile = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => null);
  if (pidFile === null) return null;
  const [pidLine, , , portLine] = pidFile.split('\n');
  try {
    process.kill(Number(pidLine), 0);
  } catch {
    return null;
  }
  return Number(portLine);
}

async function main(command: string | undefined): Promise<void> {
  if (command === 'start') {
    let port = await runningPort(PERSISTENT_DIR);
    if (port === null) {
      await startPostgres({ dataDir: PERSISTENT_DIR, port: PERSISTENT_PORT });
      port = PERSISTENT_PORT;
    }
    console.log(`DATABASE_URL=${databaseUrl(port)}`);
  } else if (command === 'restart') {
    if ((await runningPort(PERSISTENT_DIR)) === null) throw new Error('PostgreSQL is not running: `tsx scripts/postgres.ts start` first.');
    await restartImmediately(await findPostgresBin(), PERSISTENT_DIR);
  } else if (command === 'stop') {
    if ((await runningPort(PERSISTENT_DIR)) === null) return;
    await pgTool(await findPostgresBin(), 'pg_ctl', ['-D', PERSISTENT_DIR, '-m', 'fast', '-w', 'stop']);
  } else {
    console.error('usage: tsx scripts/postgres.ts start|restart|stop');
    process.exitCode = 2;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv[2]).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
