import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/index.js';
import { openStore, type Store } from '../../store/index.js';
import { emulatorConnectionConfig } from './sync-harness.js';
import { connectTestTemporal, uniqueTaskQueue } from './temporal.js';
import { spawnWorker, type WorkerProcess } from './worker-process.js';
import { workerProcessEnv } from './worker-env.js';

/**
 * What a test of worker processes needs, for one describe block: an emulator, the run's Temporal, a store in a
 * schema of its own, and a connection and task queue named `name`. Workers spawned through it are SIGKILLed
 * after each test. `databaseUrl` names another PostgreSQL than the run's (read once its own setup has run).
 */
export function useWorkerProcesses(name: string, emulatorOptions: EmulatorOptions, options: { databaseUrl?: () => string } = {}) {
  const databaseUrl = () => options.databaseUrl?.() ?? inject('databaseUrl');
  const schema = `${name}_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
  const taskQueue = uniqueTaskQueue(name);
  const workers: WorkerProcess[] = [];
  let emulator: RunningEmulator | undefined;
  let temporal: Awaited<ReturnType<typeof connectTestTemporal>> | undefined;
  let store: Store | undefined;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useWorkerProcesses: used outside a test');
    return value;
  };

  beforeAll(async () => {
    emulator = await startEmulator(emulatorOptions);
    temporal = await connectTestTemporal();
    store = await openStore({ databaseUrl: databaseUrl(), schema });
  });
  afterEach(() => {
    for (const worker of workers) worker.child.kill('SIGKILL');
  });
  afterAll(async () => {
    await store?.close();
    await emulator?.close();
    await temporal?.close();
  });

  return {
    name,
    taskQueue,
    get emulator() {
      return ready(emulator);
    },
    get temporal() {
      return ready(temporal);
    },
    get store() {
      return ready(store);
    },
    get connection() {
      return emulatorConnectionConfig(ready(emulator), name);
    },
    /** The environment of a worker on this fixture's connection, task queue and schema. */
    env(): Record<string, string> {
      return workerProcessEnv({ connection: this.connection, taskQueue, schema, databaseUrl: databaseUrl() });
    },
    spawn(env: Record<string, string>, options: { built?: string } = {}): WorkerProcess {
      const worker = spawnWorker(env, options);
      workers.push(worker);
      return worker;
    },
  };
}
