import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { pino } from 'pino';
import { createStore, openPgliteDriver, openPostgresDriver, type Driver, type Store } from '../../../store/index.js';

export const DRIVERS = ['pglite', 'postgres'] as const;
export type DriverKind = (typeof DRIVERS)[number];

const silent = pino({ enabled: false });

export interface Harness {
  /** The shared driver of this file. */
  driver: () => Driver;
  /** A store in a fresh schema, so every test starts from empty tables. */
  newStore: () => Promise<Store>;
  /**
   * Another worker process's store on the same schema: on PostgreSQL with a pool of its own, on PGlite (one
   * process per database) on the same instance.
   */
  peerStore: (store: Store) => Promise<Store>;
}

/**
 * One database per test file and driver (a PGlite instance in memory, or the run's PostgreSQL), and a fresh
 * schema per store. PostgreSQL schemas are dropped after the file, as every file shares one cluster.
 */
export function useStores(kind: DriverKind): Harness {
  let driver: Driver | undefined;
  const peers: Driver[] = [];
  const schemas: string[] = [];
  const prefix = `t${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    driver = kind === 'pglite' ? await openPgliteDriver('memory://') : openPostgresDriver(inject('databaseUrl'), silent);
  });
  afterAll(async () => {
    for (const peer of peers) await peer.close();
    if (driver === undefined) return;
    if (kind === 'postgres') for (const schema of schemas) await driver.query(`DROP SCHEMA ${schema} CASCADE`);
    await driver.close();
  });

  const current = (): Driver => {
    if (driver === undefined) throw new Error('driver not open yet');
    return driver;
  };
  return {
    driver: current,
    async newStore() {
      const schema = `${prefix}_${schemas.length + 1}`;
      schemas.push(schema);
      // The file owns the driver: a store's close() must not end it for the other tests.
      return createStore({ ...current(), close: async () => {} }, { schema, logger: silent });
    },
    async peerStore(store) {
      if (kind === 'pglite') return createStore({ ...current(), close: async () => {} }, { schema: store.schema, logger: silent });
      const peer = openPostgresDriver(inject('databaseUrl'), silent);
      peers.push(peer);
      return createStore({ ...peer, close: async () => {} }, { schema: store.schema, logger: silent });
    },
  };
}
