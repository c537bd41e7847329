// `npm run temporal`: the Temporal dev server with a persistent SQLite database and the Web UI on :8233.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startDevServer } from './lib/dev-server.js';
import { ensureTemporalCli } from './lib/temporal-cli.js';

const dataDir = resolve(process.env.SFSYNC_DATA_DIR ?? '.data');
mkdirSync(dataDir, { recursive: true });
const cli = ensureTemporalCli();
const server = await startDevServer({
  cli,
  dbFile: resolve(dataDir, 'temporal.sqlite'),
  port: Number(process.env.TEMPORAL_PORT ?? 7233),
  uiPort: Number(process.env.TEMPORAL_UI_PORT ?? 8233),
  output: 'inherit',
});
console.log(`Temporal dev server on ${server.address}; Web UI at ${server.uiUrl ?? '(headless)'}; data in ${dataDir}/temporal.sqlite`);
const shutdown = () => void server.stop().then(() => process.exit(0));
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
server.process.once('exit', (code) => process.exit(code ?? 1));
