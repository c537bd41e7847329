// Runs before `npm start` and `npm test` (npm's pre-scripts), with no dependencies of its own, so that both
// commands work on a fresh clone: installs the npm packages when they are missing or older than the lock file,
// then builds the Temporal CLI when it is missing.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Keyed on package.json, which `npm install` never rewrites (it may rewrite the lock file).
const marker = 'node_modules/.sfsync-installed';
const wanted = createHash('sha256').update(readFileSync('package.json')).digest('hex');
if (!existsSync(marker) || readFileSync(marker, 'utf8') !== wanted) {
  console.error('Installing npm packages (first run or package.json changed)...');
  // `npm install`, not `npm ci`: the registry mirror here serves only this platform's optional binaries
  // (@swc/core-*, @unrs/resolver-binding-*), so the lock file cannot list the others and `npm ci` refuses it.
  run('npm', ['install', '--no-audit', '--no-fund']);
  writeFileSync(marker, wanted);
}
run(process.execPath, ['--import', 'tsx', 'scripts/ensure-tools.ts']);
