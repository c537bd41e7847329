import { z } from 'zod';

/** `attributes` on every REST record and nested parent record (docs/salesforce-api.md §8); aggregates have no url. */
const recordAttributesSchema = z.looseObject({ type: z.string(), url: z.string().optional() });

/** A record as the REST API returns it: field names to JSON values, plus `attributes`. */
export const sobjectRecordSchema = z.looseObject({ attributes: recordAttributesSchema.optional() });
export type SObjectRecord = z.infer<typeof sobjectRecordSchema>;

/**
 * The same check for the records of a query page, without the copy a parsed object schema makes of each one: a
 * page holds up to 2,000 records of hundreds of fields, and the copies doubled what a page allocates.
 */
const queriedRecordSchema = z.custom<SObjectRecord>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value) && isAttributes((value as { attributes?: unknown }).attributes),
  { message: 'expected a record object with attributes.type' },
);

function isAttributes(value: unknown): boolean {
  return value === undefined || (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string');
}

/** One page of /query or /queryAll (docs/salesforce-api.md §4.1). The last page has no nextRecordsUrl at all. */
export const queryPageSchema = z.object({
  totalSize: z.number().int().nonnegative(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(queriedRecordSchema),
});
export type QueryPage = z.infer<typeof queryPageSchema>;

/** Errors inside save results use `statusCode`, not `errorCode` (docs/salesforce-api.md §2.3). */
export const recordErrorSchema = z.looseObject({
  statusCode: z.string(),
  message: z.string(),
  fields: z.array(z.string()).default([]),
});
export type RecordError = z.infer<typeof recordErrorSchema>;

/** A create/update/upsert/delete result; a failed create has no `id` (docs/salesforce-api.md §5.3). */
export const saveResultSchema = z.looseObject({
  id: z.string().nullable().optional(),
  success: z.boolean(),
  created: z.boolean().optional(),
  errors: z.array(recordErrorSchema).default([]),
});
export type SaveResult = z.infer<typeof saveResultSchema>;
