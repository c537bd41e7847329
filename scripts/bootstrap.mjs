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

// Keyed on package.json and the lock file: `npm ci` installs exactly what the lock lists, never rewriting it.
const marker = 'node_modules/.sfsync-installed';
const wanted = createHash('sha256').update(readFileSync('package.json')).update(readFileSync('package-lock.json')).digest('hex');
if (!existsSync(marker) || readFileSync(marker, 'utf8') !== wanted) {
  console.error('Installing npm packages (first run or the lock file changed)...');
  // The lock file lists every platform's optional binaries (@swc/core-*, @unrs/resolver-binding-*), so the
  // install is reproducible on any machine.
  run('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(marker, wanted);
}
run(process.execPath, ['--import', 'tsx', 'scripts/ensure-tools.ts']);
