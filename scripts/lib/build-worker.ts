import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildWorkflowBundle } from '../../worker/workflow-bundle.js';
import { PREBUILT_BUNDLE_NAME } from '../../worker/prebuilt-bundle.js';

/** Inside the repository, so the built worker resolves its packages from the repository's node_modules. */
export const DIST_DIR = fileURLToPath(new URL('../../dist/', import.meta.url));

export interface BuiltWorker {
  /** `node <workerPath>` runs the worker. */
  workerPath: string;
  bundlePath: string;
}

/**
 * The production worker: `worker/main.ts` compiled to one ES module (packages stay external), with the workflow
 * bundle beside it. Plain `node` runs it, without tsx's loader thread and transform caches (about 75 MB of RSS).
 */
export async function buildWorker(outDir: string = DIST_DIR): Promise<BuiltWorker> {
  await mkdir(outDir, { recursive: true });
  const workerPath = join(outDir, 'worker.mjs');
  const bundlePath = join(outDir, PREBUILT_BUNDLE_NAME);
  const [bundle] = await Promise.all([
    buildWorkflowBundle(),
    build({
      entryPoints: [fileURLToPath(new URL('../../worker/main.ts', import.meta.url))],
      outfile: workerPath,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: true,
      logLevel: 'warning',
    }),
  ]);
  await writeFile(bundlePath, bundle.code);
  return { workerPath, bundlePath };
}
