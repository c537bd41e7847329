import { describe, expect, it } from 'vitest';
import { followUsage } from '../../../activities/budget/index.js';
import { FakeLimitsClient, ORG } from './fake-client.js';

describe('followUsage', () => {
  it('timestamps each usage header when the call that carried it is reported', () => {
    const client = new FakeLimitsClient();
    let now = 1_000;
    const follower = followUsage(client.usage, () => now);
    expect(follower.latest()).toBeUndefined();
    client.respond(10, 100);
    now = 2_000;
    client.respond(11, 100);
    expect(follower.latest()).toEqual({ org: ORG, used: 11, max: 100, observedAt: 2_000 });
  });

  it('keeps the time of the last header when a call carries none', () => {
    const client = new FakeLimitsClient();
    let now = 1_000;
    const follower = followUsage(client.usage, () => now);
    client.respond(10, 100);
    now = 5_000;
    client.usage.recordCall({ method: 'POST', route: '/services/oauth2/token', status: 200, durationMs: 1, bytes: 1 });
    expect(follower.latest()?.observedAt).toBe(1_000);
  });

  it('never dates a reading taken before it started following', () => {
    const client = new FakeLimitsClient();
    client.respond(10, 100);
    const follower = followUsage(client.usage, () => 9_000);
    client.usage.recordCall({ method: 'POST', route: '/services/oauth2/token', status: 200, durationMs: 1, bytes: 1 });
    expect(follower.latest()).toBeUndefined();
  });

  it('stops following', () => {
    const client = new FakeLimitsClient();
    const follower = followUsage(client.usage, () => 1);
    follower.stop();
    client.respond(10, 100);
    expect(follower.latest()).toBeUndefined();
  });
});
