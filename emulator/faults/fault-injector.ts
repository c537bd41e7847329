import { createRandom, type Random } from '../random.js';
import { faultRuleSchema, type FaultKind, type FaultRule } from './fault-rule.js';

interface ActiveRule {
  rule: FaultRule;
  path: RegExp;
  random: Random;
  matched: number;
  fired: number;
}

/**
 * Decides, per request, whether a fault applies. Rules are checked in order and the first that fires wins.
 * Every rule rolls its own seeded generator only on requests it matches, so a run is reproducible.
 */
export class FaultInjector {
  private rules: ActiveRule[] = [];
  private added = 0;

  constructor(private readonly seed: string) {}

  add(rules: readonly unknown[]): void {
    for (const input of rules) {
      const rule = faultRuleSchema.parse(input);
      this.rules.push({
        rule,
        path: routePattern(rule.route),
        random: createRandom(rule.seed ?? `${this.seed}:fault:${this.added++}`),
        matched: 0,
        fired: 0,
      });
    }
  }

  clear(): void {
    this.rules = [];
  }

  pick(method: string, path: string): FaultKind | null {
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.method !== undefined && rule.method.toUpperCase() !== method) continue;
      if (!active.path.test(path)) continue;
      if (rule.times !== undefined && active.fired >= rule.times) continue;
      const fault = this.roll(active);
      if (fault !== null) {
        active.fired++;
        return fault;
      }
    }
    return null;
  }

  private roll(active: ActiveRule): FaultKind | null {
    const index = active.matched++;
    const { sequence, fault, probability } = active.rule;
    if (sequence !== undefined) return sequence[index] ?? null;
    return fault !== undefined && active.random.next() < (probability ?? 1) ? fault : null;
  }
}

function routePattern(route: string): RegExp {
  if (route.startsWith('re:')) return new RegExp(route.slice(3));
  const source = route
    .split(/(\*\*|\*)/)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}/?$`);
}
