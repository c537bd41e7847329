import { randomBytes } from 'node:crypto';
import type { EmulatorClock } from '../clock.js';

export interface Session {
  token: string;
  userId: string;
  clientId: string;
  scopes: string[];
  issuedAt: number;
  /** The refresh token this session came from, so revoking it ends the session. */
  refreshToken: string | null;
}

export interface RefreshGrant {
  token: string;
  userId: string;
  clientId: string;
  scopes: string[];
}

/**
 * `inactivity`: Salesforce's rule, a session ends after `ttl` without activity, and activity is only recorded
 * once half the timeout has passed (docs/salesforce-api.md §1.10). `absolute`: a session ends `ttl` after it was issued.
 */
export type SessionTimeoutMode = 'inactivity' | 'absolute';

interface LiveSession {
  session: Session;
  recordedActivity: number;
}

/** Access and refresh tokens. Expiry is only ever observable as a failed lookup (401 INVALID_SESSION_ID). */
export class SessionStore {
  private readonly sessions = new Map<string, LiveSession>();
  private readonly refreshGrants = new Map<string, RefreshGrant>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly orgId15: string,
    private ttlMs: number,
    private readonly mode: SessionTimeoutMode,
  ) {}

  setTtl(ttlMs: number): void {
    this.ttlMs = ttlMs;
  }

  /** Tokens look like `00D<org15>!<opaque>`; some clients read the org ID from the prefix. */
  issue(userId: string, clientId: string, scopes: string[], refreshToken: string | null = null): Session {
    const token = `${this.orgId15}!AQ${opaque(72)}`;
    const now = this.clock.now();
    const session: Session = { token, userId, clientId, scopes, issuedAt: now, refreshToken };
    this.sessions.set(token, { session, recordedActivity: now });
    return session;
  }

  /** The live session for a token, recording activity; null when unknown, revoked or expired. */
  authenticate(token: string): Session | null {
    const live = this.sessions.get(token);
    if (live === undefined) return null;
    const now = this.clock.now();
    const since = this.mode === 'absolute' ? live.session.issuedAt : live.recordedActivity;
    if (now - since >= this.ttlMs) {
      this.sessions.delete(token);
      return null;
    }
    if (this.mode === 'inactivity' && now - live.recordedActivity >= this.ttlMs / 2) live.recordedActivity = now;
    return live.session;
  }

  /** Ends one session now (early expiry). */
  expire(token: string): void {
    this.sessions.delete(token);
  }

  expireAll(): void {
    this.sessions.clear();
  }

  issueRefreshToken(userId: string, clientId: string, scopes: string[]): string {
    const token = `5Aep861${opaque(60)}`;
    this.registerRefreshToken({ token, userId, clientId, scopes });
    return token;
  }

  /** Makes a known refresh token valid (the one in credentials.json survives restarts this way). */
  registerRefreshToken(grant: RefreshGrant): void {
    this.refreshGrants.set(grant.token, grant);
  }

  refreshGrant(token: string): RefreshGrant | undefined {
    return this.refreshGrants.get(token);
  }

  /** Revokes an access token, or a refresh token together with every session issued from it. */
  revoke(token: string): boolean {
    if (this.sessions.delete(token)) return true;
    if (!this.refreshGrants.delete(token)) return false;
    for (const [key, live] of this.sessions) {
      if (live.session.refreshToken === token) this.sessions.delete(key);
    }
    return true;
  }
}

/** Random text in the alphabet Salesforce tokens use: letters, digits, `.` and `_`. */
function opaque(bytes: number): string {
  return randomBytes(bytes).toString('base64').replace(/\+/g, '.').replace(/\//g, '_').replace(/=+$/, '');
}
