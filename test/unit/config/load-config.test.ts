import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConnectionSchema, resolveConnectionSchemas } from '../../../config/connection-schemas.js';
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
    expect(config.destination).toEqual({ databaseUrl: undefined, databaseUrlEnv: 'DATABASE_URL', schema: 'salesforce', schemas: new Map(), pgliteDir: '.data/pglite' });
  });
});

describe('destination schemas', () => {
  const twoConnections = `${connection}  sandbox:
    loginUrl: https://test.salesforce.com
    apiVersion: v62.0
    auth: { flow: jwt, clientId: abc, username: u@example.com.uat, privateKey: { env: UAT_KEY } }
`;

  it('gives each connection a schema of its own, named after the connection', async () => {
    const config = await loadConfig({ SFSYNC_CONFIG: 'sfsync.config.example.yaml' });
    expect(config.destination.schemas).toEqual(new Map([['prod', 'salesforce_prod'], ['sandbox', 'salesforce_sandbox']]));
  });

  it('maps dots, dashes and capitals of a connection name to a lower-case identifier', () => {
    expect(defaultConnectionSchema('salesforce', 'my-Sandbox.uat')).toBe('salesforce_my_sandbox_uat');
    expect(defaultConnectionSchema('Warehouse', '2024_prod')).toBe('warehouse_2024_prod');
  });

  it('uses destination.schema (or SFSYNC_DB_SCHEMA) as the prefix and syncs.NAME.schema as an override', async () => {
    const file = writeConfig(`${twoConnections}syncs:\n  sandbox: { schema: uat_copy }\ndestination: { schema: sf }\n`);
    expect((await loadConfig({ SFSYNC_CONFIG: file })).destination.schemas).toEqual(new Map([['prod', 'sf_prod'], ['sandbox', 'uat_copy']]));
    expect((await loadConfig({ SFSYNC_CONFIG: file, SFSYNC_DB_SCHEMA: 'crm' })).destination.schemas.get('prod')).toBe('crm_prod');
  });

  it('refuses two connections configured into one schema, naming both, the schema and the fix', async () => {
    const file = writeConfig(`${twoConnections}syncs:\n  sandbox: { schema: salesforce_prod }\n`);
    await expect(loadConfig({ SFSYNC_CONFIG: file })).rejects.toThrow(ConfigError);
    await expect(loadConfig({ SFSYNC_CONFIG: file })).rejects.toThrow(
      /connections prod and sandbox both resolve to the destination schema salesforce_prod.*syncs\.sandbox\.schema/,
    );
  });

  it('refuses two connection names that map to one schema', () => {
    const result = resolveConnectionSchemas(['my-sandbox', 'my_sandbox'], {}, 'salesforce');
    expect(result).toEqual({ problem: expect.stringMatching(/connections my-sandbox and my_sandbox both resolve to the destination schema salesforce_my_sandbox/) });
  });

  it('refuses a default schema name longer than PostgreSQL keeps', () => {
    const result = resolveConnectionSchemas([`org_${'x'.repeat(60)}`], {}, 'salesforce');
    expect(result).toEqual({ problem: expect.stringMatching(/longer than 63 characters; set syncs\.org_x+\.schema/) });
  });

  it('refuses an SFSYNC_DB_SCHEMA that is not a schema name', async () => {
    await expect(loadConfig({ SFSYNC_CONFIG: 'sfsync.config.example.yaml', SFSYNC_DB_SCHEMA: 'bad-name' })).rejects.toThrow(/SFSYNC_DB_SCHEMA/);
  });
});
