import { z } from 'zod';
import type { ApiCaller } from '../client/api-caller.js';

/** Old API versions sent the numbers as strings (docs/salesforce-api.md §7.1 [FLAG]). */
const count = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

/**
 * `/limits` (docs/salesforce-api.md §7.1): a flat map of limit name to `{Max, Remaining}`. Some entries also carry
 * per-connected-app sub-objects, which are ignored.
 */
const limitsSchema = z.record(z.string(), z.looseObject({ Max: count, Remaining: count }));

export type Limits = Record<string, { max: number; remaining: number }>;

export async function readLimits(api: ApiCaller): Promise<Limits> {
  const body = await api.json({ method: 'GET', path: api.path('limits'), route: '/limits' }, limitsSchema, 'limits');
  return Object.fromEntries(Object.entries(body).map(([name, limit]) => [name, { max: limit.Max, remaining: limit.Remaining }]));
}
