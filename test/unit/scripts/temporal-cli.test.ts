import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cachedCliDir, findTemporalCli, TEMPORAL_CLI_VERSION } from '../../../scripts/lib/temporal-cli.js';

function fakeBinary(dir: string, name = 'temporal'): string {
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

describe('finding the Temporal CLI', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('prefers TEMPORAL_CLI over PATH and the cache', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const explicit = fakeBinary(dir, 'my-temporal');
    vi.stubEnv('TEMPORAL_CLI', explicit);
    vi.stubEnv('PATH', mkdtempSync(join(tmpdir(), 'path-')));
    expect(findTemporalCli()).toBe(explicit);
  });

  it('rejects a TEMPORAL_CLI that is not executable instead of silently building another', () => {
    vi.stubEnv('TEMPORAL_CLI', join(tmpdir(), 'does-not-exist-temporal'));
    expect(() => findTemporalCli()).toThrow(/TEMPORAL_CLI=.*not an executable/);
  });

  it('uses `temporal` from PATH when TEMPORAL_CLI is unset', () => {
    const dir = mkdtempSync(join(tmpdir(), 'path-'));
    const onPath = fakeBinary(dir);
    vi.stubEnv('TEMPORAL_CLI', '');
    vi.stubEnv('PATH', dir);
    expect(findTemporalCli()).toBe(onPath);
  });

  it('falls back to the versioned cache directory', () => {
    const cache = mkdtempSync(join(tmpdir(), 'cache-'));
    vi.stubEnv('TEMPORAL_CLI', '');
    vi.stubEnv('PATH', mkdtempSync(join(tmpdir(), 'empty-')));
    vi.stubEnv('XDG_CACHE_HOME', cache);
    expect(findTemporalCli()).toBeUndefined();
    expect(cachedCliDir()).toBe(join(cache, 'sfsync', 'temporal-cli', TEMPORAL_CLI_VERSION));
  });
});
