import { describe, expect, it, vi } from 'vitest';
import type { AccessToken } from '../../../salesforce/index.js';
import { TokenCache } from '../../../salesforce/index.js';

const token = (value: string): AccessToken => ({ accessToken: value, instanceUrl: 'https://x.my.salesforce.com' });

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('TokenCache', () => {
  it('shares one in-flight token request among 20 concurrent callers', async () => {
    const cache = new TokenCache();
    const pending = deferred<AccessToken>();
    const fetch = vi.fn(() => pending.promise);
    const callers = Array.from({ length: 20 }, () => cache.get('k', fetch));
    pending.resolve(token('t1'));
    const tokens = await Promise.all(callers);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(new Set(tokens.map((t) => t.accessToken))).toEqual(new Set(['t1']));
  });

  it('keeps the token until it is refreshed', async () => {
    const cache = new TokenCache();
    const fetch = vi.fn(() => Promise.resolve(token('t1')));
    await cache.get('k', fetch);
    await cache.get('k', fetch);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('refreshes a stale token exactly once for 20 callers that saw it fail', async () => {
    const cache = new TokenCache();
    let issued = 0;
    const fetch = vi.fn(() => Promise.resolve(token(`t${++issued}`)));
    const stale = await cache.get('k', fetch);
    const fresh = await Promise.all(Array.from({ length: 20 }, () => cache.refresh('k', stale, fetch)));
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(new Set(fresh.map((t) => t.accessToken))).toEqual(new Set(['t2']));
  });

  it('does not refresh again when a later caller reports the token an earlier refresh replaced', async () => {
    const cache = new TokenCache();
    let issued = 0;
    const fetch = vi.fn(() => Promise.resolve(token(`t${++issued}`)));
    const stale = await cache.get('k', fetch);
    await cache.refresh('k', stale, fetch);
    const again = await cache.refresh('k', stale, fetch);
    expect(again.accessToken).toBe('t2');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('forgets a failed request so the next caller tries again', async () => {
    const cache = new TokenCache();
    const fetch = vi.fn().mockRejectedValueOnce(new Error('invalid_grant')).mockResolvedValueOnce(token('t2'));
    await expect(cache.get('k', fetch)).rejects.toThrow('invalid_grant');
    await expect(cache.get('k', fetch)).resolves.toMatchObject({ accessToken: 't2' });
  });

  it('keeps identities apart', async () => {
    const cache = new TokenCache();
    await cache.get('a', () => Promise.resolve(token('ta')));
    await expect(cache.get('b', () => Promise.resolve(token('tb')))).resolves.toMatchObject({ accessToken: 'tb' });
  });
});
