import { z } from 'zod';
import { syncObjectInputSchema } from './sync-object-input.js';

const objectShape = syncObjectInputSchema.shape;

/** Per-object settings an org-wide sync passes to each object's sync; what is left out takes the sync's default. */
export const objectSyncSettingsSchema = z.strictObject({
  object: objectShape.object,
  fields: objectShape.fields,
  deleteMode: z.enum(['soft', 'hard']).optional(),
  bulkThreshold: z.int().min(0).optional(),
});

export const syncOrgInputSchema = z.strictObject({
  connection: syncObjectInputSchema.shape.connection,
  /** Objects to sync; omitted = the connection's configured objects, else every replicateable object. */
  objects: z.array(z.union([syncObjectInputSchema.shape.object, objectSyncSettingsSchema])).min(1).max(2_000).optional(),
  mode: z.enum(['incremental', 'full']).default('incremental'),
  /** Object syncs running at once. */
  concurrency: z.int().min(1).max(50).default(4),
  tuning: syncObjectInputSchema.shape.tuning.optional(),
});

export type SyncOrgInput = z.input<typeof syncOrgInputSchema>;
export type ObjectSyncSettings = z.output<typeof objectSyncSettingsSchema>;

export interface ObjectSyncOutcome {
  object: string;
  status: 'synced' | 'failed' | 'skipped';
  workflowId: string;
  route?: 'rest' | 'bulk';
  routeReason?: string;
  upserted?: number;
  deleted?: number;
  apiCalls?: number;
  durationMs?: number;
  /** Why it failed or was skipped: the failure type (Salesforce's code where there is one) and message. */
  error?: { type: string; message: string };
}

export interface OrgSyncSummary {
  connection: string;
  mode: 'incremental' | 'full';
  objects: ObjectSyncOutcome[];
  synced: number;
  failed: number;
  skipped: number;
  upserted: number;
  deleted: number;
  apiCalls: number;
  durationMs: number;
}
