import { z } from 'zod';
import { canonicalDatetime } from './datetime.js';

/** An ISO 8601 datetime, stored in the canonical UTC form. */
export const isoDatetime = z.string().transform((text, context) => {
  const canonical = canonicalDatetime(text);
  if (canonical === null) context.addIssue({ code: 'custom', message: 'must be an ISO 8601 datetime' });
  return canonical ?? z.NEVER;
});

/** A point in time as a Date or an ISO 8601 datetime; parsed to the canonical UTC text. */
export const instant = z.union([z.date().transform((date) => date.toISOString()), isoDatetime]);
export type Instant = z.input<typeof instant>;
