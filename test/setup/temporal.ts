// One real Temporal dev server (in-memory, free ports) for the whole e2e run, plus one production build of the
// worker (`npm run build`) whose workflow bundle the in-process workers share.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWorker, DIST_DIR } from '../../scripts/lib/build-worker.js';
import { startDevServer } from '../../scripts/lib/dev-server.js';
import { findTemporalCli } from '../../scripts/lib/temporal-cli.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalNamespace: string;
    workflowBundlePath: string;
    builtWorkerPath: string;
  }
}

export default async function setup(project: TestProject) {
  const cli = findTemporalCli();
  if (!cli) throw new Error('Temporal CLI not found: run `npm test` (it installs it) or `npx tsx scripts/ensure-tools.ts`');
  // Inside the repository, as dist/ is, so the built worker finds node_modules.
  mkdirSync(DIST_DIR, { recursive: true });
  const dir = mkdtempSync(join(DIST_DIR, 'e2e-'));
  const [server, built] = await Promise.all([startDevServer({ cli, uiPort: false }), buildWorker(dir)]);
  project.provide('temporalAddress', server.address);
  project.provide('temporalNamespace', server.namespace);
  project.provide('workflowBundlePath', built.bundlePath);
  project.provide('builtWorkerPath', built.workerPath);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
