// Proves the workflow code bundles for Temporal's deterministic sandbox (no Node built-ins, no I/O packages).
// With a path argument it also writes the bundle there, for workers started with SFSYNC_WORKFLOW_BUNDLE.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildWorkflowBundle } from '../worker/workflow-bundle.js';

const started = Date.now();
const bundle = await buildWorkflowBundle();
const out = process.argv[2];
if (out) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bundle.code);
}
console.log(`workflow bundle ok: ${(bundle.code.length / 1024).toFixed(0)} KiB in ${Date.now() - started} ms${out ? `, written to ${out}` : ''}`);
