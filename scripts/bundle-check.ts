// Proves the workflow code bundles for Temporal's deterministic sandbox (no Node built-ins, no I/O packages).
import { buildWorkflowBundle } from '../worker/workflow-bundle.js';

const started = Date.now();
const bundle = await buildWorkflowBundle();
console.log(`workflow bundle ok: ${(bundle.code.length / 1024).toFixed(0)} KiB in ${Date.now() - started} ms`);
