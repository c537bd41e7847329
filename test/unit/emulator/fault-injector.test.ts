import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../../emulator/faults/fault-injector.js';

describe('fault injection rules', () => {
  it('matches globs per segment (*) and across segments (**), and regular expressions', () => {
    const faults = new FaultInjector('seed');
    faults.add([
      { route: '/services/data/*/query', fault: { kind: 'server-unavailable' } },
      { route: '/services/data/**/sobjects/**', method: 'PATCH', fault: { kind: 'unable-to-lock-row' } },
      { route: 're:/oauth2/token$', fault: { kind: 'edge-html', status: 502 } },
    ]);
    expect(faults.pick('GET', '/services/data/v62.0/query')?.kind).toBe('server-unavailable');
    expect(faults.pick('GET', '/services/data/v62.0/query/01g-2000')).toBeNull();
    expect(faults.pick('PATCH', '/services/data/v62.0/sobjects/Account/001')?.kind).toBe('unable-to-lock-row');
    expect(faults.pick('GET', '/services/data/v62.0/sobjects/Account/001')).toBeNull();
    expect(faults.pick('POST', '/services/oauth2/token')).toEqual({ kind: 'edge-html', status: 502 });
  });

  it('plays a scripted sequence once, null entries letting requests through', () => {
    const faults = new FaultInjector('seed');
    faults.add([{ route: '/x', sequence: ['server-unavailable', null, { kind: 'latency', ms: 5 }] }]);
    expect([1, 2, 3, 4].map(() => faults.pick('GET', '/x')?.kind ?? null)).toEqual(['server-unavailable', null, 'latency', null]);
  });

  it('rolls probabilities from a seeded generator, so runs repeat exactly', () => {
    const run = (seed: string): (string | null)[] => {
      const faults = new FaultInjector(seed);
      faults.add([{ route: '/**', probability: 0.3, fault: 'server-unavailable' }]);
      return Array.from({ length: 200 }, () => faults.pick('GET', '/a')?.kind ?? null);
    };
    const first = run('a');
    expect(run('a')).toEqual(first);
    expect(run('b')).not.toEqual(first);
    const rate = first.filter((kind) => kind !== null).length / first.length;
    expect(rate).toBeGreaterThan(0.2);
    expect(rate).toBeLessThan(0.4);
  });

  it('stops a rule after `times` firings and forgets every rule on clear', () => {
    const faults = new FaultInjector('seed');
    faults.add([{ route: '/x', fault: 'invalid-session', times: 2 }]);
    expect([1, 2, 3].map(() => faults.pick('GET', '/x')?.kind ?? null)).toEqual(['invalid-session', 'invalid-session', null]);
    faults.add([{ route: '/y', fault: 'invalid-session' }]);
    faults.clear();
    expect(faults.pick('GET', '/y')).toBeNull();
  });

  it('refuses a rule with both or neither of fault and sequence', () => {
    const faults = new FaultInjector('seed');
    expect(() => faults.add([{ route: '/x' }])).toThrow(/exactly one/);
    expect(() => faults.add([{ route: '/x', fault: 'latency' }])).toThrow();
  });
});
