import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import { DEFAULT_CURSOR, type Store } from '../../store/index.js';

export interface SyncLagDeps {
  registry: Registry;
  store: Pick<Store, 'listSyncStates'>;
  now: () => number;
  logger?: Logger | undefined;
}

/**
 * `sfsync_sync_lag_seconds{connection,object}`: now minus the committed watermark (the SystemModstamp of
 * the newest change in the destination) of each object's incremental cursor, read from the store at scrape
 * time so every worker reports the fleet's state. Backfill cursors are left out: their watermarks are old by design.
 */
export function registerSyncLagGauge(deps: SyncLagDeps): void {
  new Gauge({
    name: 'sfsync_sync_lag_seconds',
    help: 'Seconds between now and the SystemModstamp of the newest change committed to the destination',
    labelNames: ['connection', 'object'],
    registers: [deps.registry],
    async collect() {
      this.reset();
      try {
        const now = deps.now();
        for (const state of await deps.store.listSyncStates()) {
          if (state.cursor !== DEFAULT_CURSOR || state.watermark === null) continue;
          this.set({ connection: state.connection, object: state.object }, (now - Date.parse(state.watermark.systemModstamp)) / 1000);
        }
      } catch (error) {
        deps.logger?.warn({ err: error }, 'metrics: reading the sync states failed');
      }
    },
  });
}
