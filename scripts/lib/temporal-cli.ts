import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * The Temporal CLI embeds the dev server and Web UI. v1.5.1 is the newest tag that `go install pkg@version`
 * can build: later tags add a `replace` directive to go.mod, which `go install` refuses
 * (docs/temporal.md §0).
 */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const MODULE = 'github.com/temporalio/cli/cmd/temporal';

export function cachedCliDir(): string {
  const cacheRoot = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(cacheRoot, 'sfsync', 'temporal-cli', TEMPORAL_CLI_VERSION);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** Finds the CLI without building it: TEMPORAL_CLI, then `temporal` on PATH, then the cached build. */
export function findTemporalCli(): string | undefined {
  const explicit = process.env.TEMPORAL_CLI;
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`TEMPORAL_CLI=${explicit} is not an executable file`);
    return explicit;
  }
  const cached = join(cachedCliDir(), 'temporal');
  return onPath('temporal') ?? (isExecutable(cached) ? cached : undefined);
}

/** Returns the CLI path, building it with `go install` into the cache on first use. */
export function ensureTemporalCli(log: (line: string) => void = (l) => console.error(l)): string {
  const found = findTemporalCli();
  if (found) return found;
  const go = onPath('go') ?? (isExecutable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) {
    throw new Error(
      `The Temporal CLI is missing and Go is not installed to build it. Install Go >= 1.25, or set TEMPORAL_CLI to a temporal ${TEMPORAL_CLI_VERSION} binary.`,
    );
  }
  const dir = cachedCliDir();
  mkdirSync(dir, { recursive: true });
  log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with ${go} into ${dir}`);
  log('The first build downloads the Go modules and compiles the server and Web UI: expect 5 to 15 minutes on 2 cores.');
  const started = Date.now();
  const result = spawnSync(
    go,
    ['install', '-trimpath', '-ldflags', `-s -w -X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION.slice(1)}`, `${MODULE}@${TEMPORAL_CLI_VERSION}`],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      // GOTOOLCHAIN=local: never download another Go toolchain; the server is pure Go (modernc sqlite), so no cgo.
      env: { ...process.env, GOBIN: dir, GOTOOLCHAIN: 'local', CGO_ENABLED: '0' },
    },
  );
  if (result.status !== 0) {
    throw new Error(`go install ${MODULE}@${TEMPORAL_CLI_VERSION} failed (exit ${result.status ?? result.signal}); see the output above`);
  }
  log(`Temporal CLI built in ${Math.round((Date.now() - started) / 1000)} s`);
  return join(dir, 'temporal');
}
