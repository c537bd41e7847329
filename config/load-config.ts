import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { ObjectSyncSettings } from '../common/sync-org-input.js';
import { DEFAULT_TASK_QUEUE } from '../common/task-queue.js';
import { configPath, emulatorConnection, loadConnections, type ConnectionConfig } from '../salesforce/index.js';
import { resolveConnectionSchemas } from './connection-schemas.js';
import { budgetSchema, syncConfigSchema, type Budget, type ConnectionSync } from './sync-config.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface ResolvedConfig {
  /** The file read, or undefined when running on embedded defaults. */
  file: string | undefined;
  connections: Map<string, ConnectionConfig>;
  syncs: Record<string, ConnectionSync>;
  temporal: { address: string; namespace: string; taskQueue: string };
  destination: {
    databaseUrl: string | undefined;
    /** The environment variable the URL was read from (`destination.databaseUrlEnv`, default DATABASE_URL). */
    databaseUrlEnv: string;
    /** The prefix of the connections' default schemas, and the legacy single schema migrated from. */
    schema: string;
    /** Each connection's own schema. */
    schemas: Map<string, string>;
    pgliteDir: string;
  };
  alerts: { webhookUrl: string | undefined };
  metrics: { port: number | undefined; host: string };
}

const SCHEMA_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

async function readConfigFile(file: string): Promise<unknown> {
  try {
    return parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`${file}: ${(error as Error).message}`);
  }
}

/**
 * The one configuration of a process: the config file (YAML or JSON; `SFSYNC_CONFIG` or sfsync.config.yaml),
 * validated whole, with environment variables overriding it. Without a file, the embedded defaults: the local
 * emulator's org (when its credentials exist), PGlite in .data/pglite, Temporal on 127.0.0.1:7233.
 */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<ResolvedConfig> {
  const file = configPath(env);
  const raw = await readConfigFile(file);
  const parsed = syncConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new ConfigError(`${file}: ${problems}`);
  }
  const connections = raw === undefined ? await embeddedConnections(env) : await loadConnections(file);
  for (const name of Object.keys(parsed.data.syncs)) {
    if (!connections.has(name)) throw new ConfigError(`${file}: syncs.${name}: no connection named ${name} under connections`);
  }
  const { temporal, destination } = parsed.data;
  const databaseUrlEnv = destination.databaseUrlEnv ?? 'DATABASE_URL';
  const schema = env.SFSYNC_DB_SCHEMA ?? destination.schema ?? 'salesforce';
  if (!SCHEMA_NAME.test(schema)) throw new ConfigError(`SFSYNC_DB_SCHEMA: ${JSON.stringify(schema)} is not a schema name (a letter, then letters, digits and underscores)`);
  const resolved = resolveConnectionSchemas(connections.keys(), parsed.data.syncs, schema);
  if ('problem' in resolved) throw new ConfigError(`${file}: ${resolved.problem}`);
  return {
    file: raw === undefined ? undefined : file,
    connections,
    syncs: parsed.data.syncs,
    temporal: {
      address: env.TEMPORAL_ADDRESS ?? temporal.address ?? '127.0.0.1:7233',
      namespace: env.TEMPORAL_NAMESPACE ?? temporal.namespace ?? 'default',
      taskQueue: env.SFSYNC_TASK_QUEUE ?? temporal.taskQueue ?? DEFAULT_TASK_QUEUE,
    },
    alerts: { webhookUrl: env.SFSYNC_ALERT_WEBHOOK ?? parsed.data.alerts.webhookUrl },
    metrics: {
      port: env.SFSYNC_METRICS_PORT ? Number(env.SFSYNC_METRICS_PORT) : parsed.data.metrics.port,
      host: parsed.data.metrics.host,
    },
    destination: {
      databaseUrl: env[databaseUrlEnv] || undefined,
      databaseUrlEnv,
      schema,
      schemas: resolved.schemas,
      pgliteDir: env.SFSYNC_PGLITE_DIR ?? destination.pgliteDir ?? '.data/pglite',
    },
  };
}

async function embeddedConnections(env: NodeJS.ProcessEnv): Promise<Map<string, ConnectionConfig>> {
  const emulator = await emulatorConnection(env.SFSYNC_EMULATOR_CREDENTIALS);
  return new Map(emulator ? [[emulator.name, emulator]] : []);
}

/** A connection's API budget: its configured one, or the defaults (warn 70 %, throttle 75 %). */
export function connectionBudget(config: ResolvedConfig, connection: string): Budget {
  return config.syncs[connection]?.budget ?? budgetSchema.parse({});
}

/** A connection's configured objects with its defaults applied, or undefined when it lists none. */
export function configuredObjects(config: ResolvedConfig, connection: string): ObjectSyncSettings[] | undefined {
  const sync = config.syncs[connection];
  if (!sync?.objects) return undefined;
  const defaults = {
    ...(sync.deleteMode ? { deleteMode: sync.deleteMode } : {}),
    ...(sync.bulkThreshold !== undefined ? { bulkThreshold: sync.bulkThreshold } : {}),
  };
  return sync.objects.map((entry) => (typeof entry === 'string' ? { object: entry, ...defaults } : { ...defaults, ...entry }));
}
