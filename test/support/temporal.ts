import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { inject } from 'vitest';
import { installRuntime } from '../../worker/runtime.js';

/** Connections to the run's shared dev server, and the prebuilt workflow bundle. */
export async function connectTestTemporal() {
  // Expected failures (bad input, INVALID_FIELD) would otherwise print the SDK's WARN stack traces.
  installRuntime({ level: 'ERROR' });
  const address = inject('temporalAddress');
  const namespace = inject('temporalNamespace');
  const [nativeConnection, connection] = await Promise.all([
    NativeConnection.connect({ address }),
    Connection.connect({ address }),
  ]);
  return {
    namespace,
    nativeConnection,
    client: new Client({ connection, namespace }),
    workflowBundle: { codePath: inject('workflowBundlePath') },
    async close() {
      await Promise.all([nativeConnection.close(), connection.close()]);
    },
  };
}

/** A task queue no other test file polls, so workers of different files never steal each other's tasks. */
export function uniqueTaskQueue(label: string): string {
  return `test-${label}-${process.pid}-${Date.now().toString(36)}`;
}
