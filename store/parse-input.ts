import { z } from 'zod';
import { StoreError } from './errors.js';

/** Validates a caller's input, refusing it with `INVALID_INPUT` and a readable list of what is wrong. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoreError('INVALID_INPUT', `Invalid ${what}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
