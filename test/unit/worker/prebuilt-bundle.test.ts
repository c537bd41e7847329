import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PREBUILT_BUNDLE_NAME, prebuiltBundlePath } from '../../../worker/prebuilt-bundle.js';

describe('prebuiltBundlePath', () => {
  const built = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfsync-dist-'));
    writeFileSync(join(dir, PREBUILT_BUNDLE_NAME), '');
    return { dir, moduleUrl: pathToFileURL(join(dir, 'worker.mjs')).href };
  };

  it('loads the bundle built beside the running worker', () => {
    const { dir, moduleUrl } = built();
    expect(prebuiltBundlePath(moduleUrl, {})).toBe(join(dir, PREBUILT_BUNDLE_NAME));
  });

  it('prefers SFSYNC_WORKFLOW_BUNDLE', () => {
    const { moduleUrl } = built();
    expect(prebuiltBundlePath(moduleUrl, { SFSYNC_WORKFLOW_BUNDLE: '/opt/sfsync/bundle.js' })).toBe('/opt/sfsync/bundle.js');
  });

  it('leaves a worker run from source to bundle at start', () => {
    const source = pathToFileURL(join(mkdtempSync(join(tmpdir(), 'sfsync-src-')), 'main.ts')).href;
    expect(prebuiltBundlePath(source, {})).toBeUndefined();
  });
});
