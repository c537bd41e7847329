// `npm run build`: the production worker in dist/. Run it with `node dist/worker.mjs`.
import { relative } from 'node:path';
import { buildWorker } from './lib/build-worker.js';

const started = Date.now();
const { workerPath, bundlePath } = await buildWorker();
console.log(`built ${relative(process.cwd(), workerPath)} and ${relative(process.cwd(), bundlePath)} in ${Date.now() - started} ms`);
