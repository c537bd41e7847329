// Installs what the tests need and a fresh machine lacks; a no-op once everything is cached.
import { ensureTemporalCli } from './lib/temporal-cli.js';

const cli = ensureTemporalCli();
console.error(`Temporal CLI: ${cli}`);
