import type { OrgStore } from '../store/org-store.js';
import { SaveError, type SaveErrorItem } from '../store/save-error.js';

/** A save result as sObject Collections return it; errors carry `statusCode` (docs/salesforce-api.md §2.3). */
export interface SaveResult {
  id?: string;
  success: boolean;
  errors: SaveErrorItem[];
  created?: boolean;
}

type Outcome = { ok: true; result: SaveResult } | { ok: false; id: string | null; errors: SaveErrorItem[] };

const ROLLED_BACK: SaveErrorItem = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

class Rollback extends Error {}

/**
 * Runs one save per item, each atomic on its own. With `allOrNone`, any failure undoes every save and the items
 * that had succeeded report ALL_OR_NONE_OPERATION_ROLLED_BACK. Request-level errors (malformed JSON, unknown
 * field) propagate and fail the whole request.
 */
export interface SaveBatch<T> {
  allOrNone: boolean;
  items: readonly T[];
  save: (item: T) => SaveResult;
  /** The record an item names before saving (null for creates), reported with its failure. */
  idOf: (item: T) => string | null;
  /** Whether rolled-back successes still show their `id` (updates, upserts and deletes do; creates do not). */
  keepIdOnRollback: boolean;
}

export function runSaves<T>(store: OrgStore, batch: SaveBatch<T>): SaveResult[] {
  const { allOrNone, items, save, idOf } = batch;
  const outcomes: Outcome[] = [];
  try {
    store.write(() => {
      for (const item of items) {
        const savepoint = store.savepoint();
        try {
          outcomes.push({ ok: true, result: save(item) });
        } catch (error) {
          if (!(error instanceof SaveError) || error.requestLevel) throw error;
          store.rollbackTo(savepoint);
          outcomes.push({ ok: false, id: idOf(item), errors: error.items });
        }
      }
      if (allOrNone && outcomes.some((outcome) => !outcome.ok)) throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    return outcomes.map((outcome) => (outcome.ok
      ? { ...(batch.keepIdOnRollback && outcome.result.id !== undefined ? { id: outcome.result.id } : {}), success: false, errors: [ROLLED_BACK] }
      : failure(outcome.id, outcome.errors)));
  }
  return outcomes.map((outcome) => (outcome.ok ? outcome.result : failure(outcome.id, outcome.errors)));
}

/** A failed save has no `id` key when no record was identified (a failed create). */
function failure(id: string | null, errors: SaveErrorItem[]): SaveResult {
  return id === null ? { success: false, errors } : { id, success: false, errors };
}
