import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { toSalesforceError } from '../errors/to-salesforce-error.js';
import type { ConnectionConfig } from './connection-config.js';
import { connectionConfigSchema } from './connection-config.js';
import { EMULATOR_CONNECTION_NAME, emulatorConnection } from './emulator-connection.js';

export const DEFAULT_CONFIG_PATH = 'sfsync.config.yaml';

/** `SFSYNC_CONFIG`, or `sfsync.config.yaml` in the working directory. */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.SFSYNC_CONFIG ?? DEFAULT_CONFIG_PATH;
}

const connectionsFileSchema = z.looseObject({
  connections: z.record(z.string(), connectionConfigSchema.omit({ name: true })),
});

/** Reads `connections: { NAME: ConnectionConfig }` from a YAML or JSON file (JSON is YAML). */
export async function loadConnections(file: string): Promise<Map<string, ConnectionConfig>> {
  const parsed = connectionsFileSchema.safeParse(parseYaml(await readFile(file, 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw toSalesforceError({ code: 'CONFIG_INVALID', message: `${file}: ${problems}` });
  }
  return new Map(
    Object.entries(parsed.data.connections).map(([name, config]) => [name, connectionConfigSchema.parse({ ...config, name })]),
  );
}

/**
 * The connection a command-line tool should use. With a config file, `name` picks an entry (or the only
 * one). Without one, the local emulator's credentials are used, so tools work out of the box against it.
 */
export async function resolveConnection(name: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<ConnectionConfig> {
  const file = configPath(env);
  const connections = await loadConnections(file).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  });
  if (connections === undefined) {
    const emulator = name === undefined || name === EMULATOR_CONNECTION_NAME ? await emulatorConnection() : undefined;
    if (emulator !== undefined) return emulator;
    throw toSalesforceError({
      code: 'CONFIG_INVALID',
      message: `no config file at ${file} (set SFSYNC_CONFIG)${
        name === undefined || name === EMULATOR_CONNECTION_NAME
          ? ', and no emulator credentials: start one with `npm run emulator -- --state-dir .data/emulator`'
          : ''
      }`,
    });
  }
  const chosen = name ?? (connections.size === 1 ? [...connections.keys()][0] : undefined);
  const config = chosen === undefined ? undefined : connections.get(chosen);
  if (config === undefined) {
    throw toSalesforceError({
      code: 'CONFIG_INVALID',
      message: `${name === undefined ? 'pass --connection NAME' : `no connection named ${name}`} (${file} has: ${[...connections.keys()].join(', ') || 'none'})`,
    });
  }
  return config;
}
