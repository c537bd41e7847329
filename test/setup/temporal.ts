// One real Temporal dev server (in-memory, free ports) for the whole e2e run, plus one workflow bundle.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDevServer } from '../../scripts/lib/dev-server.js';
import { findTemporalCli } from '../../scripts/lib/temporal-cli.js';
import { buildWorkflowBundle } from '../../worker/workflow-bundle.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalNamespace: string;
    workflowBundlePath: string;
  }
}

export default async function setup(project: TestProject) {
  const cli = findTemporalCli();
  if (!cli) throw new Error('Temporal CLI not found: run `npm test` (it installs it) or `npx tsx scripts/ensure-tools.ts`');
  const [server, bundle] = await Promise.all([startDevServer({ cli, uiPort: false }), buildWorkflowBundle()]);
  const dir = mkdtempSync(join(tmpdir(), 'sfsync-bundle-'));
  const bundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  project.provide('temporalAddress', server.address);
  project.provide('temporalNamespace', server.namespace);
  project.provide('workflowBundlePath', bundlePath);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
