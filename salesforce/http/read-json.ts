import type { z } from 'zod';
import { toSalesforceError } from '../errors/to-salesforce-error.js';

/**
 * Parses and validates a response body: every body we read is checked once, here.
 * Zod issue messages name paths and expected types, never the values, so nothing secret leaks.
 */
export function readJson<S extends z.ZodType>(body: Buffer, schema: S, what: string): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw toSalesforceError({ code: 'INVALID_RESPONSE', message: `${what}: body is not JSON` });
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw toSalesforceError({ code: 'INVALID_RESPONSE', message: `${what}: unexpected shape (${problems})` });
}
