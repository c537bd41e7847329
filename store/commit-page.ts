import type { Driver } from './driver.js';
import { StoreError } from './errors.js';
import { pageRows, type ValueFormat } from './page-rows.js';
import type { PageRecords, PageSource } from './page-source.js';
import { mergeStaged } from './staged-merge.js';
import { parseCheckpoint, syncStateKey, writeCheckpoint, type Checkpoint } from './sync-state.js';
import type { TableInfo } from './table-info.js';
import { deleteRows, fitsOneInsert, upsertRows } from './write-rows.js';

export interface CommitPageInput {
  connection: string;
  object: string;
  /**
   * Salesforce records; the `attributes` key is ignored. Records with IsDeleted true are deletes. A streamed
   * page (an async iterable, read once) is written as it arrives; all its records carry its first record's fields.
   */
  records: PageRecords;
  /** soft: keep the row with IsDeleted true and _sf_deleted_at set to its SystemModstamp; hard: delete it. */
  deleteMode: 'soft' | 'hard';
  /** The checkpoint this page advances to, committed together with its rows. */
  checkpoint: Checkpoint;
  /** The sync state the checkpoint and counts belong to; default `incremental`. */
  cursor?: string | undefined;
  /** Added to the cursor's running totals. */
  stats?: { apiCalls?: number };
  /** `rest` (default): REST JSON values; `csv`: Bulk API 2.0 CSV cells. */
  valueFormat?: ValueFormat;
}

export interface CommitPageResult {
  upserted: number;
  deleted: number;
}

/**
 * Writes a page of records and the checkpoint it reaches in one transaction: after a crash either both are
 * there or neither is. Writes are upserts by Id, so committing the same page again changes nothing.
 */
export async function commitPage(driver: Driver, schema: string, table: TableInfo, input: CommitPageInput, source: PageSource): Promise<CommitPageResult> {
  if (input.deleteMode !== 'soft' && input.deleteMode !== 'hard') {
    throw new StoreError('INVALID_INPUT', `deleteMode must be soft or hard, not ${String(input.deleteMode)}`);
  }
  const key = syncStateKey(input.connection, input.object, input.cursor);
  const checkpoint = parseCheckpoint(input.checkpoint);
  const format = input.valueFormat ?? 'rest';
  // Salesforce stamps a delete with a SystemModstamp; the commit time stands in only if the page lacks that field.
  const committedAt = new Date().toISOString();
  const { inMemory } = source;
  // Columns: Id, the page's fields, the deleted-at column.
  const rows = inMemory !== undefined && fitsOneInsert(inMemory.length, source.fields.length + 2) ? pageRows(inMemory, table, format) : undefined;

  return driver.transaction(async (tx) => {
    let counts: CommitPageResult;
    if (rows !== undefined) {
      const live = rows.filter((row) => !row.isDeleted);
      const gone = rows.filter((row) => row.isDeleted);
      const upserted = await upsertRows(tx, table, live, () => null);
      const deleted = input.deleteMode === 'hard'
        ? await deleteRows(tx, table, gone)
        : await upsertRows(tx, table, gone, (row) => row.systemModstamp ?? committedAt);
      counts = { upserted, deleted };
    } else {
      counts = await mergeStaged(tx, table, source, { format, deleteMode: input.deleteMode, committedAt });
    }
    await writeCheckpoint(tx, schema, key, checkpoint, { ...counts, pages: 1, apiCalls: input.stats?.apiCalls ?? 0 });
    return counts;
  });
}
