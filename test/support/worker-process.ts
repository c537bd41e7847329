import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionConfig } from '../../salesforce/index.js';

/**
 * Writes a config file naming one connection, as an operator would, and returns its path. `sections` adds the
 * file's other top-level sections (`syncs`, `temporal`, `destination`, ...).
 */
export function writeWorkerConfig(dir: string, connection: ConnectionConfig, sections: Record<string, unknown> = {}): string {
  const { name, ...rest } = connection;
  const file = join(dir, 'sfsync.config.json');
  writeFileSync(file, JSON.stringify({ connections: { [name]: rest }, ...sections }, null, 2));
  return file;
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<number | NodeJS.Signals | null>;
  output(): string;
}

/**
 * A worker as its own OS process, so a test can SIGKILL or SIGTERM it: the production build when `built` names
 * it (`npm run build`, then `node dist/worker.mjs`), else the source as `npm run worker` runs it.
 */
export function spawnWorker(env: NodeJS.ProcessEnv, options: { built?: string } = {}): WorkerProcess {
  const args = options.built ? ['--enable-source-maps', options.built] : ['--import', 'tsx', 'worker/main.ts'];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return { child, exited, output: () => output };
}
