import { spawn, type ChildProcess } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { ensureSearchAttributes } from '../../client/ensure-search-attributes.js';
import { searchAttributeCliSpecs } from '../../common/search-attributes.js';
import { freePort } from './free-port.js';

export interface DevServerOptions {
  cli: string;
  /** SQLite file; omitted = in-memory. Its directory must exist. */
  dbFile?: string;
  port?: number;
  /** Web UI port; `false` runs headless. */
  uiPort?: number | false;
  namespace?: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Where the server's own output goes; default: discarded. */
  output?: 'inherit' | 'ignore';
}

export interface DevServer {
  address: string;
  namespace: string;
  uiUrl: string | undefined;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `temporal server start-dev`, waits until it answers, and registers our search attributes. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const port = options.port ?? (await freePort());
  const namespace = options.namespace ?? 'default';
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', namespace,
    '--log-level', options.logLevel ?? 'warn',
    // No call home: the dev server otherwise posts to Temporal's version-check endpoint.
    '--dynamic-config-value', 'frontend.enableServerVersionCheck=false'];
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  if (options.uiPort === false) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort ?? port + 1000));
  for (const sa of searchAttributeCliSpecs()) args.push('--search-attribute', `${sa.name}=${sa.type}`);

  const child = spawn(options.cli, args, { stdio: ['ignore', options.output ?? 'ignore', options.output ?? 'ignore'] });
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`temporal server start-dev exited early (${code ?? signal})`)));
    child.once('error', reject);
  });
  // Only the race below listens; a later exit (a normal stop) must not become an unhandled rejection.
  exited.catch(() => undefined);
  const address = `127.0.0.1:${port}`;
  try {
    const connection = await Promise.race([waitUntilServing(address), exited]);
    try {
      await ensureSearchAttributes(connection, namespace);
    } finally {
      await connection.close();
    }
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    address,
    namespace,
    uiUrl: options.uiPort === false ? undefined : `http://localhost:${options.uiPort ?? port + 1000}`,
    process: child,
    stop: () => stopProcess(child),
  };
}

async function waitUntilServing(address: string, timeoutMs = 60_000): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      await connection.workflowService.getSystemInfo({});
      return connection;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`Temporal dev server at ${address} did not answer within ${timeoutMs} ms: ${String(error)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
