import type { KeyObject } from 'node:crypto';
import type { AuthorizationCodes } from './auth/authorization-codes.js';
import type { BulkJobs } from './bulk/bulk-jobs.js';
import type { OAuthSettings } from './auth/oauth-settings.js';
import type { OrgSecrets } from './auth/org-secrets.js';
import type { SessionStore } from './auth/session-store.js';
import type { EmulatorClock } from './clock.js';
import type { ApiUsage } from './limits/api-usage.js';
import type { CursorStore } from './rest/cursor-store.js';
import type { OrgStore } from './store/org-store.js';

/** Everything a request handler may use: the org's data, sessions, secrets and counters. */
export interface OrgRuntime {
  readonly store: OrgStore;
  readonly clock: EmulatorClock;
  readonly sessions: SessionStore;
  readonly codes: AuthorizationCodes;
  readonly secrets: OrgSecrets;
  /** The connected app's certificate key, for JWT bearer assertions. */
  readonly jwtKey: KeyObject;
  readonly oauth: OAuthSettings;
  readonly usage: ApiUsage;
  readonly cursors: CursorStore;
  /** Bulk API 2.0 jobs and their results. */
  readonly bulk: BulkJobs;
  /** Newest API version served, e.g. 64. */
  readonly latestVersion: number;
  readonly integrationUserId: string;
  /** The emulator's base URL: login URL and instance URL at once. Known once the server listens. */
  baseUrl(): string;
}

/** The identity URL of a user: `<login>/id/<org18>/<user18>`. */
export function identityUrl(runtime: OrgRuntime, userId: string): string {
  return `${runtime.baseUrl()}/id/${runtime.secrets.orgId}/${userId}`;
}
