import { defineQuery } from '@temporalio/workflow';
import type { SyncProgress } from '../common/sync-progress.js';

/** Live progress of a sync: phase, counts, watermark, API calls. Read-only, never recorded in history. */
export const progressQuery = defineQuery<SyncProgress>('progress');

export interface OrgProgress {
  connection: string;
  objects: Array<{ object: string; status: string; workflowId: string }>;
}

/** Which objects of an org-wide sync are pending, running, synced, failed or skipped. */
export const orgProgressQuery = defineQuery<OrgProgress>('orgProgress');
