import { z } from 'zod';
import type { ApiCaller } from '../client/api-caller.js';

/**
 * Get Updated / Get Deleted (docs/salesforce-api.md §3.5): ids changed or deleted in a window. Salesforce rounds to
 * the minute, looks back at most 30 days (updated) or 15 days (deleted), and fails over 600,000 ids
 * with EXCEEDED_ID_LIMIT.
 */
const updatedSchema = z.object({ ids: z.array(z.string()), latestDateCovered: z.string() });
export type UpdatedRecords = z.infer<typeof updatedSchema>;

const deletedSchema = z.object({
  deletedRecords: z.array(z.object({ id: z.string(), deletedDate: z.string() })),
  earliestDateAvailable: z.string(),
  latestDateCovered: z.string(),
});
export type DeletedRecords = z.infer<typeof deletedSchema>;

export function readUpdated(api: ApiCaller, object: string, start: Date, end: Date): Promise<UpdatedRecords> {
  return api.json(
    { method: 'GET', path: `${api.path('sobjects', object, 'updated')}/`, route: '/sobjects/{object}/updated', query: windowQuery(start, end) },
    updatedSchema,
    `updated ${object}`,
  );
}

export function readDeleted(api: ApiCaller, object: string, start: Date, end: Date): Promise<DeletedRecords> {
  return api.json(
    { method: 'GET', path: `${api.path('sobjects', object, 'deleted')}/`, route: '/sobjects/{object}/deleted', query: windowQuery(start, end) },
    deletedSchema,
    `deleted ${object}`,
  );
}

/** The documented example form is `2013-05-05T00:00:00+00:00` (seconds are ignored anyway). */
function windowQuery(start: Date, end: Date): Record<string, string> {
  const format = (date: Date) => `${date.toISOString().slice(0, 19)}+00:00`;
  return { start: format(start), end: format(end) };
}
