import { createPublicKey } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CallCounter } from './admin/call-counter.js';
import { adminRoutes } from './admin/admin-routes.js';
import type { EmulatorAdmin } from './admin/emulator-admin.js';
import { LocalAdmin } from './admin/local-admin.js';
import { OrgActivity } from './activity/org-activity.js';
import { AuthorizationCodes } from './auth/authorization-codes.js';
import { oauthRoutes } from './auth/oauth-routes.js';
import { loadOrCreateSecrets } from './auth/org-secrets.js';
import { SessionStore } from './auth/session-store.js';
import { BulkJobs } from './bulk/bulk-jobs.js';
import { createSystemClock, isAdjustableClock } from './clock.js';
import { writeCredentialsFile, type EmulatorCredentials } from './credentials.js';
import { FaultInjector } from './faults/fault-injector.js';
import type { TopRoute } from './http/api-types.js';
import { closeServer, listen } from './http/http-server.js';
import { Router } from './http/router.js';
import { ApiUsage } from './limits/api-usage.js';
import { BulkLimits } from './limits/bulk-limits.js';
import { emulatorOptionsSchema, type EmulatorOptions, type ResolvedEmulatorOptions } from './options.js';
import type { OrgRuntime } from './org-runtime.js';
import { createRandom } from './random.js';
import { createRequestListener } from './request-pipeline.js';
import { CursorStore } from './rest/cursor-store.js';
import { DataApi } from './rest/data-api.js';
import { dataRoutes } from './rest/data-routes.js';
import { versionsRoute } from './rest/versions-route.js';
import { OrgSchema } from './schema/org-schema.js';
import { ensureOrgUsers } from './seed/org-users.js';
import { seedOrg } from './seed/seed-org.js';
import { parseSeedSpec } from './seed/seed-spec.js';
import { OrgStore } from './store/org-store.js';
import { OrgPersistence } from './store/persistence.js';
import { loadOrCreateTls } from './tls-material.js';

export interface RunningEmulator {
  /** Instance URL and login URL base, e.g. `http://127.0.0.1:8400`. */
  url: string;
  credentials: EmulatorCredentials;
  admin: EmulatorAdmin;
  close(): Promise<void>;
}

/** Starts an org: loads or creates its state, seeds an empty org, and serves the Salesforce APIs and `/__admin`. */
export async function startEmulator(input: EmulatorOptions = {}): Promise<RunningEmulator> {
  const options = emulatorOptionsSchema.parse(input);
  const persisted = options.stateDir !== undefined;
  const stateDir = options.stateDir ?? (await mkdtemp(join(tmpdir(), 'sfsync-emulator-')));
  await mkdir(stateDir, { recursive: true });
  const clock = options.clock ?? createSystemClock();
  const store = new OrgStore(new OrgSchema(), clock);
  const persistence = persisted ? await OrgPersistence.open(store, stateDir) : null;
  const cleanUp = async (): Promise<void> => {
    persistence?.close();
    if (!persisted) await rm(stateDir, { recursive: true, force: true });
  };
  try {
    return await serve(options, stateDir, store, persistence, cleanUp);
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

async function serve(
  options: ResolvedEmulatorOptions, stateDir: string, store: OrgStore, persistence: OrgPersistence | null, cleanUp: () => Promise<void>,
): Promise<RunningEmulator> {
  const { clock } = store;
  const secrets = await loadOrCreateSecrets(stateDir);
  catchUpClock(store);
  const integrationUserId = ensureOrgUsers(store, secrets.username);
  if (isEmptyOrg(store)) {
    seedOrg(store, parseSeedSpec(options.seed, store.schema), options.randomSeed);
    // Seeding bulk-loads the tables without the commit log; one compaction writes it all.
    persistence?.compact();
  }

  const sessions = new SessionStore(clock, secrets.orgId.slice(0, 15), options.tokenTtlSeconds * 1000, options.oauth.sessionTimeout);
  sessions.registerRefreshToken({
    token: secrets.refreshToken, userId: integrationUserId, clientId: secrets.clientId, scopes: options.oauth.defaultScopes.split(' '),
  });
  let baseUrl = '';
  const runtime: OrgRuntime = {
    store, clock, sessions, secrets,
    codes: new AuthorizationCodes(clock),
    jwtKey: createPublicKey(secrets.certificatePem),
    oauth: options.oauth,
    usage: new ApiUsage(clock, options.limits.dailyApiRequests),
    cursors: new CursorStore(clock, options.cursors),
    bulk: new BulkJobs(store, options.bulk, new BulkLimits(clock, options.limits)),
    latestVersion: options.apiVersion,
    integrationUserId,
    baseUrl: () => baseUrl,
  };
  const faults = new FaultInjector(options.randomSeed);
  faults.add(options.faults);
  const callCounts = new CallCounter();
  const admin = new LocalAdmin({ runtime, faults, callCounts, random: createRandom(`${options.randomSeed}:admin`) });
  const credentials = (): EmulatorCredentials => ({
    loginUrl: baseUrl, instanceUrl: baseUrl, clientId: secrets.clientId, clientSecret: secrets.clientSecret,
    username: secrets.username, password: secrets.password, privateKeyPath: secrets.privateKeyPath,
    certificatePath: secrets.certificatePath, refreshToken: secrets.refreshToken, apiVersion: `${options.apiVersion}.0`,
  });

  const routes = new Router<TopRoute['handler']>();
  for (const route of [versionsRoute(options.apiVersion), ...oauthRoutes(runtime), ...adminRoutes(admin, credentials)]) {
    routes.add(route.methods, route.template, route.handler);
  }
  const dataApi: DataApi = new DataApi(runtime, dataRoutes(runtime, (parent, subrequest) => dataApi.dispatch(parent, subrequest)));
  const tls = options.tls ? await loadOrCreateTls(stateDir, options.host) : null;
  const { server, port } = await listen(
    { host: options.host, port: options.port, tls },
    createRequestListener({ routes, dataApi, faults, callCounts, sessions, usage: runtime.usage, clock }),
  );
  baseUrl = `${tls === null ? 'http' : 'https'}://${urlHost(options.host)}:${port}`;
  await writeCredentialsFile(stateDir, credentials());

  const activity = options.activity === undefined ? null : new OrgActivity(
    options.activity.ratePerMinute,
    store.schema.objects.filter((object) => object.def.deletable !== false).map((object) => object.name),
    createRandom(`${options.randomSeed}:activity`),
    (request) => {
      admin.mutate(request).catch((error: unknown) => console.error('emulator: activity failed', error));
    },
  );
  activity?.start();

  return {
    url: baseUrl,
    credentials: credentials(),
    admin,
    close: async () => {
      activity?.stop();
      await closeServer(server);
      await cleanUp();
    },
  };
}

/** An org is empty when nothing but its users exists: only then does a seed run. */
function isEmptyOrg(store: OrgStore): boolean {
  return [...store.allTables()].every((table) => table.schema.name === 'User' || table.size === 0);
}

/**
 * A restarted default clock must not run behind data it already wrote (it would hand out SystemModstamps
 * that go backwards), so it jumps forward past the newest one.
 */
function catchUpClock(store: OrgStore): void {
  let newest = 0;
  for (const table of store.allTables()) {
    const index = table.index('modstamp', true);
    newest = Math.max(newest, index.at(index.size - 1)?.modstamp ?? 0);
  }
  const { clock } = store;
  const behind = newest + 1000 - clock.now();
  if (behind > 0 && isAdjustableClock(clock)) clock.advance(behind);
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
