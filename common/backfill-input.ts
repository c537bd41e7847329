import { z } from 'zod';
import { fromBeforeTo, isoDatetime, syncObjectInputSchema } from './sync-object-input.js';

const shape = syncObjectInputSchema.shape;

export const backfillInputSchema = z
  .strictObject({
    connection: shape.connection,
    object: shape.object,
    /** Inclusive start and exclusive end of the SystemModstamp range to re-read. */
    from: isoDatetime,
    to: isoDatetime,
    sliceDays: z.number().positive().max(366).default(7),
    /** Slices read at once. */
    concurrency: z.int().min(1).max(8).default(2),
    fields: shape.fields,
    deleteMode: shape.deleteMode,
    tuning: shape.tuning.optional(),
  })
  .refine(fromBeforeTo, { message: 'from must be before to', path: ['to'] });

export type BackfillInput = z.input<typeof backfillInputSchema>;

export interface BackfillSummary {
  connection: string;
  object: string;
  from: string;
  to: string;
  slices: number;
  upserted: number;
  deleted: number;
  apiCalls: number;
  durationMs: number;
}

/** [from, to) cut into slices of `sliceDays`, the last one shorter. */
export function backfillSlices(from: string, to: string, sliceDays: number): Array<{ from: string; to: string }> {
  const end = Date.parse(to);
  const step = sliceDays * 86_400_000;
  const slices: Array<{ from: string; to: string }> = [];
  for (let start = Date.parse(from); start < end; start += step) {
    slices.push({ from: new Date(start).toISOString(), to: new Date(Math.min(start + step, end)).toISOString() });
  }
  return slices;
}
