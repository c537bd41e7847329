import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configuredObjects, loadConfig } from '../../../config/load-config.js';

function writeConfig(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sfsync-config-')), 'sfsync.config.yaml');
  writeFileSync(file, text);
  return file;
}

const connection = `
connections:
  prod:
    loginUrl: https://login.salesforce.com
    apiVersion: v62.0
    auth: { flow: jwt, clientId: abc, username: u@example.com, privateKey: { env: PROD_KEY } }
`;

describe('loadConfig', () => {
  it('reads the shipped example config without errors', async () => {
    const config = await loadConfig({ SFSYNC_CONFIG: 'sfsync.config.example.yaml' });
    expect([...config.connections.keys()]).toEqual(['prod', 'sandbox']);
    expect(config.syncs.prod?.schedule).toEqual({ every: '15m' });
  });

  it('names the path and the problem of a bad value', async () => {
    const file = writeConfig(`${connection}syncs:\n  prod:\n    objects: [Account, { object: Contact, deleteMode: sometimes }]\n`);
    await expect(loadConfig({ SFSYNC_CONFIG: file })).rejects.toThrow(/syncs\.prod\.objects\.1.*deleteMode|syncs\.prod\.objects\.1/);
  });

  it('refuses syncs for a connection that is not configured', async () => {
    const file = writeConfig(`${connection}syncs:\n  staging: { objects: [Account] }\n`);
    await expect(loadConfig({ SFSYNC_CONFIG: file })).rejects.toThrow(ConfigError);
    await expect(loadConfig({ SFSYNC_CONFIG: file })).rejects.toThrow(/syncs\.staging: no connection named staging/);
  });

  it('lets environment variables override the file', async () => {
    const file = writeConfig(`${connection}temporal: { address: from-file:7233, namespace: ns }\ndestination: { databaseUrlEnv: WAREHOUSE_URL }\n`);
    const config = await loadConfig({ SFSYNC_CONFIG: file, TEMPORAL_ADDRESS: 'from-env:7233', WAREHOUSE_URL: 'postgres://x' });
    expect(config.temporal).toMatchObject({ address: 'from-env:7233', namespace: 'ns', taskQueue: 'sfsync' });
    expect(config.destination).toMatchObject({ databaseUrl: 'postgres://x', databaseUrlEnv: 'WAREHOUSE_URL' });
  });

  it('applies connection defaults to configured objects, object settings winning', async () => {
    const file = writeConfig(`${connection}syncs:\n  prod:\n    deleteMode: hard\n    objects: [Account, { object: Case, deleteMode: soft }]\n`);
    const config = await loadConfig({ SFSYNC_CONFIG: file });
    expect(configuredObjects(config, 'prod')).toEqual([
      { object: 'Account', deleteMode: 'hard' },
      { object: 'Case', deleteMode: 'soft' },
    ]);
  });

  it('falls back to embedded defaults without a config file', async () => {
    const config = await loadConfig({ SFSYNC_CONFIG: join(tmpdir(), 'missing-sfsync.yaml'), SFSYNC_EMULATOR_CREDENTIALS: join(tmpdir(), 'missing.json') });
    expect(config.file).toBeUndefined();
    expect(config.connections.size).toBe(0);
    expect(config.destination).toEqual({ databaseUrl: undefined, databaseUrlEnv: 'DATABASE_URL', schema: 'salesforce', pgliteDir: '.data/pglite' });
  });
});
