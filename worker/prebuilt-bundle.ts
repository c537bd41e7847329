import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The workflow bundle `npm run build` writes next to the built worker. */
export const PREBUILT_BUNDLE_NAME = 'workflows.bundle.js';

/**
 * The workflow bundle a worker should load, if any: `SFSYNC_WORKFLOW_BUNDLE`, else the one built beside the
 * running module. A worker run from source finds neither and bundles `workflows/` at start.
 */
export function prebuiltBundlePath(moduleUrl: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.SFSYNC_WORKFLOW_BUNDLE) return env.SFSYNC_WORKFLOW_BUNDLE;
  const beside = fileURLToPath(new URL(PREBUILT_BUNDLE_NAME, moduleUrl));
  return existsSync(beside) ? beside : undefined;
}
