import { randomBytes } from 'node:crypto';
import type { EmulatorClock } from '../clock.js';

/** Authorization codes are single-use and short-lived: 15 minutes (docs/salesforce-api.md §1.6). */
const CODE_TTL_MS = 15 * 60 * 1000;

export interface AuthorizationGrant {
  clientId: string;
  redirectUri: string;
  userId: string;
  scopes: string[];
  /** PKCE S256 challenge, when the authorize request sent one. */
  codeChallenge: string | null;
  expiresAt: number;
}

export class AuthorizationCodes {
  private readonly grants = new Map<string, AuthorizationGrant>();

  constructor(private readonly clock: EmulatorClock) {}

  issue(grant: Omit<AuthorizationGrant, 'expiresAt'>): string {
    const code = `aPrx${randomBytes(36).toString('base64url')}`;
    this.grants.set(code, { ...grant, expiresAt: this.clock.now() + CODE_TTL_MS });
    return code;
  }

  /** Consumes a code: it works once, and only before it expires. */
  redeem(code: string): AuthorizationGrant | 'expired' | null {
    const grant = this.grants.get(code);
    if (grant === undefined) return null;
    this.grants.delete(code);
    return grant.expiresAt <= this.clock.now() ? 'expired' : grant;
  }
}
