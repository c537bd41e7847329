import { pino } from 'pino';
import { createStore, type Store } from './create-store.js';
import type { Driver } from './driver.js';
import type { StoreLogger } from './logger.js';
import { openPgliteDriver } from './pglite-driver.js';
import { openPostgresDriver } from './postgres-driver.js';

export const DEFAULT_PGLITE_DIR = '.data/pglite';
export const DEFAULT_SCHEMA = 'salesforce';

export interface OpenDriverOptions {
  /** PostgreSQL connection string (DATABASE_URL). Without it the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory, relative to the working directory, or `memory://`. */
  dataDir?: string | undefined;
  logger?: StoreLogger | undefined;
}

export interface OpenStoreOptions extends OpenDriverOptions {
  /** Schema holding the object tables and the sync bookkeeping. */
  schema?: string | undefined;
}

/** PostgreSQL through a pool when a URL is given, else the embedded PGlite in `dataDir`. */
export async function openDriver(options: OpenDriverOptions): Promise<Driver> {
  return options.databaseUrl
    ? openPostgresDriver(options.databaseUrl, options.logger ?? pino({ enabled: false }))
    : openPgliteDriver(options.dataDir ?? DEFAULT_PGLITE_DIR);
}

export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const logger = options.logger ?? pino({ enabled: false });
  const driver = await openDriver({ ...options, logger });
  try {
    const store = await createStore(driver, { schema: options.schema ?? DEFAULT_SCHEMA, logger });
    logger.info({ driver: driver.kind, schema: store.schema }, 'store open');
    return store;
  } catch (error) {
    await driver.close();
    throw error;
  }
}
