import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/load-config.js';
import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { openStore } from '../../../store/index.js';
import { buildActivityDeps } from '../../../worker/build-activity-deps.js';

const FIELDS = [{ name: 'Id', type: 'id' }, { name: 'SystemModstamp', type: 'datetime' }, { name: 'IsDeleted', type: 'boolean' }] as const;
const STAMP = '2024-01-01T00:00:00.000Z';

describe('an `npm start` installation from before per-connection schemas', () => {
  let dir: string;
  let emulator: RunningEmulator;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'embedded-upgrade-'));
    emulator = await startEmulator({ stateDir: join(dir, 'emulator') });
  });
  afterAll(async () => {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps its synced rows and cursor: the `salesforce` schema becomes `salesforce_emulator`', async () => {
    const pgliteDir = join(dir, 'pglite');
    const before = await openStore({ dataDir: pgliteDir });
    await before.ensureTable('Account', [...FIELDS]);
    await before.commitPage({
      connection: 'emulator', object: 'Account', deleteMode: 'soft', records: [{ Id: '001000000000001AAA', SystemModstamp: STAMP, IsDeleted: false }],
      checkpoint: { watermark: { systemModstamp: STAMP, id: '001000000000001AAA' } },
    });
    const state = await before.readSyncState('emulator', 'Account');
    await before.close();

    // The embedded defaults, as scripts/start.ts loads them.
    const config = await loadConfig({
      SFSYNC_CONFIG: join(dir, 'no-config.yaml'), SFSYNC_EMULATOR_CREDENTIALS: join(dir, 'emulator', 'credentials.json'), SFSYNC_PGLITE_DIR: pgliteDir,
    });
    expect(config.destination.schemas).toEqual(new Map([['emulator', 'salesforce_emulator']]));
    const { deps, close } = await buildActivityDeps(config, pino({ enabled: false }));
    try {
      const store = await deps.stores.get('emulator');
      expect(store.schema).toBe('salesforce_emulator');
      expect(await store.readSyncState('emulator', 'Account')).toEqual(state);
      expect((await store.readRows('Account')).map((row) => row.Id)).toEqual(['001000000000001AAA']);
    } finally {
      await close();
    }
  });
});
