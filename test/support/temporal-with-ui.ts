import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { inject } from 'vitest';
import { startDevServer } from '../../scripts/lib/dev-server.js';
import { freePort } from '../../scripts/lib/free-port.js';
import { findTemporalCli } from '../../scripts/lib/temporal-cli.js';
import { installRuntime } from '../../worker/runtime.js';

/**
 * A dev server of the test's own, in memory, WITH its Web UI (the run's shared one is headless), plus the
 * connections and the prebuilt workflow bundle a worker needs.
 */
export async function startTemporalWithUi() {
  installRuntime();
  const cli = findTemporalCli();
  if (!cli) throw new Error('Temporal CLI not found: run `npm test` (it installs it) or `npx tsx scripts/ensure-tools.ts`');
  const server = await startDevServer({ cli, uiPort: await freePort() });
  try {
    if (!server.uiUrl) throw new Error('the dev server was started without its Web UI');
    const uiUrl = server.uiUrl;
    const [nativeConnection, connection] = await Promise.all([
      NativeConnection.connect({ address: server.address }),
      Connection.connect({ address: server.address }),
    ]);
    return {
      uiUrl,
      namespace: server.namespace,
      nativeConnection,
      client: new Client({ connection, namespace: server.namespace }),
      workflowBundle: { codePath: inject('workflowBundlePath') },
      async close() {
        await Promise.all([nativeConnection.close(), connection.close()]);
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
