import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../emulator/clock.js';
import { SessionStore } from '../../../emulator/auth/session-store.js';

const TTL = 60_000;

describe('sessions', () => {
  it('issues tokens shaped 00D<org15>!<opaque>', () => {
    const sessions = new SessionStore(createManualClock(0), '00DEm0000000001', TTL, 'inactivity');
    expect(sessions.issue('005', 'client', ['api']).token).toMatch(/^00DEm0000000001![A-Za-z0-9._]+$/);
  });

  it('expires an idle session after the timeout, recording activity only after half of it', () => {
    const clock = createManualClock(0);
    const sessions = new SessionStore(clock, '00DEm0000000001', TTL, 'inactivity');
    const { token } = sessions.issue('005', 'client', ['api']);
    clock.advance(20_000);
    expect(sessions.authenticate(token)).not.toBeNull(); // too early to count as activity
    clock.advance(20_000);
    expect(sessions.authenticate(token)).not.toBeNull(); // 40 s: recorded
    clock.advance(59_000);
    expect(sessions.authenticate(token)).not.toBeNull();
    clock.advance(60_000);
    expect(sessions.authenticate(token)).toBeNull();
  });

  it('ends an absolute session at issue time plus the timeout, however active', () => {
    const clock = createManualClock(0);
    const sessions = new SessionStore(clock, '00DEm0000000001', TTL, 'absolute');
    const { token } = sessions.issue('005', 'client', ['api']);
    clock.advance(59_000);
    expect(sessions.authenticate(token)).not.toBeNull();
    clock.advance(1_000);
    expect(sessions.authenticate(token)).toBeNull();
  });

  it('revokes a refresh token together with the sessions issued from it', () => {
    const sessions = new SessionStore(createManualClock(0), '00DEm0000000001', TTL, 'inactivity');
    const refresh = sessions.issueRefreshToken('005', 'client', ['api', 'refresh_token']);
    const fromRefresh = sessions.issue('005', 'client', ['api'], refresh);
    const other = sessions.issue('005', 'client', ['api']);
    expect(sessions.revoke(refresh)).toBe(true);
    expect(sessions.refreshGrant(refresh)).toBeUndefined();
    expect(sessions.authenticate(fromRefresh.token)).toBeNull();
    expect(sessions.authenticate(other.token)).not.toBeNull();
    expect(sessions.revoke('unknown')).toBe(false);
  });
});
