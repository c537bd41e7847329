import { pino } from 'pino';
import { createStore, type Store } from './create-store.js';
import type { Driver } from './driver.js';
import { StoreError } from './errors.js';
import { adoptLegacySchema } from './legacy-schema.js';
import type { StoreLogger } from './logger.js';
import { openDriver, type OpenDriverOptions } from './open-store.js';

/**
 * One store per connection, each in its own schema, on one database driver: a sandbox copy keeps its production
 * org's record ids, so two orgs sharing tables would overwrite each other's rows and cursors.
 */
export interface ConnectionStores {
  readonly driver: Driver['kind'];
  /** The configured connections, in name order. */
  readonly connections: readonly string[];
  /** The schema holding the connection's tables and bookkeeping. */
  schemaFor(connection: string): string;
  /** The connection's store, created (and its schema migrated or created) on first use; concurrent first calls share one. */
  get(connection: string): Promise<Store>;
  /** Closes the driver shared by every store. */
  close(): Promise<void>;
}

export interface ConnectionStoresOptions {
  /** Each connection's schema (config's `destination.schemas`). */
  schemas: ReadonlyMap<string, string>;
  /** The single schema of the layout before per-connection schemas, adopted by its only connection. */
  legacySchema: string;
  logger?: StoreLogger | undefined;
}

export function createConnectionStores(driver: Driver, options: ConnectionStoresOptions): ConnectionStores {
  const logger = options.logger ?? pino({ enabled: false });
  const stores = new Map<string, Promise<Store>>();
  // Every store shares the driver; only close() here ends it.
  const shared: Driver = { ...driver, close: async () => {} };
  const connections = [...options.schemas.keys()].sort();
  let warnedShared = false;

  const schemaFor = (connection: string): string => {
    const schema = options.schemas.get(connection);
    if (schema === undefined) {
      throw new StoreError('UNKNOWN_CONNECTION', `No destination schema for connection '${connection}': it is not configured (known: ${connections.join(', ') || 'none'})`);
    }
    return schema;
  };

  async function open(connection: string): Promise<Store> {
    const schema = schemaFor(connection);
    const legacy = await adoptLegacySchema(driver, options.legacySchema, schema, connection);
    if (legacy.kind === 'adopted') {
      logger.info({ connection, from: options.legacySchema, schema }, 'store: the legacy schema held only this connection and was renamed to its own schema');
    } else if (legacy.kind === 'shared' && !warnedShared) {
      warnedShared = true;
      const own = connections.map((name) => `${name}: ${schemaFor(name)}`).join(', ');
      logger.warn(
        { legacySchema: options.legacySchema, connections: legacy.connections },
        `store: the legacy schema "${options.legacySchema}" holds the rows of several connections (${legacy.connections.join(', ')}), `
        + `which may have overwritten each other, so it is left as it is and each connection starts afresh in its own schema (${own}). `
        + `To keep its tables for one connection instead, stop the workers, run DROP SCHEMA "<that connection's schema>" CASCADE; `
        + `ALTER SCHEMA "${options.legacySchema}" RENAME TO "<that connection's schema>"; then sync that connection with mode: full `
        + `to replace the other orgs' values`,
      );
    }
    return createStore(shared, { schema, logger });
  }

  return {
    driver: driver.kind,
    connections,
    schemaFor,
    get(connection) {
      const existing = stores.get(connection);
      if (existing) return existing;
      const opening = open(connection);
      stores.set(connection, opening);
      // A failed open (the database down) is tried again by the next call.
      opening.catch(() => {
        if (stores.get(connection) === opening) stores.delete(connection);
      });
      return opening;
    },
    close: () => driver.close(),
  };
}

/** Opens the destination database (PostgreSQL or PGlite, as `openStore`) with one store per connection. */
export async function openConnectionStores(options: OpenDriverOptions & ConnectionStoresOptions): Promise<ConnectionStores> {
  const driver = await openDriver(options);
  try {
    // Stores open lazily; a database that cannot be reached must still fail the start, even with no connection configured.
    await driver.query('SELECT 1');
  } catch (error) {
    await driver.close().catch(() => undefined);
    throw error;
  }
  return createConnectionStores(driver, options);
}
