import type { OrgSchema } from '../schema/org-schema.js';

/** Records to generate per object API name. */
export type SeedCounts = Record<string, number>;

/** `demo`: enough of everything for a newcomer to see paging (more than one 2,000-record page) and relationships. */
export const DEMO_COUNTS: SeedCounts = {
  Account: 2_500, Contact: 5_000, Opportunity: 1_500, Lead: 1_000, Case: 1_000, Invoice__c: 3_000,
};

/**
 * Parses `demo`, `empty` or `Account=100000,Contact=300000` (object names case-insensitive).
 * Throws an Error whose message says what is wrong.
 */
export function parseSeedSpec(spec: string, schema: OrgSchema): SeedCounts {
  const trimmed = spec.trim();
  if (trimmed === 'demo') return { ...DEMO_COUNTS };
  if (trimmed === 'empty' || trimmed === '') return {};
  const counts: SeedCounts = {};
  for (const part of trimmed.split(',')) {
    const match = /^\s*([A-Za-z0-9_]+)\s*=\s*(\d+)\s*$/.exec(part);
    if (match === null) throw new Error(`invalid seed "${part}": expected Object=count, "demo" or "empty"`);
    const [, name = '', count = '0'] = match;
    const object = schema.object(name);
    if (object === undefined) {
      throw new Error(`invalid seed: unknown object "${name}" (known: ${schema.objects.map((o) => o.name).join(', ')})`);
    }
    counts[object.name] = Number(count);
  }
  return counts;
}
