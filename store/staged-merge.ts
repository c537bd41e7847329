import type { Transaction } from './driver.js';
import { StoreError } from './errors.js';
import { quoteIdent } from './identifiers.js';
import { fieldColumn, pageRow, type ValueFormat } from './page-rows.js';
import type { PageSource } from './page-source.js';
import { csvLine, toSqlText } from './sql-text.js';
import { SYNCED_AT, type Column, type TableInfo } from './table-info.js';
import { conflictClause } from './write-rows.js';

const STAGE = 'pg_temp._sfsync_stage';
// Arrival order within the page: of two rows for one Id with the same SystemModstamp, the later one wins.
const ORDINAL = '_sfsync_ord';
// COPY input is sent in chunks of about this many characters, not row by row.
const CHUNK_CHARS = 64 * 1024;

export interface MergeOptions {
  format: ValueFormat;
  deleteMode: 'soft' | 'hard';
  /** Stands in for the deletion time of a deleted record whose page lacks SystemModstamp. */
  committedAt: string;
}

/**
 * The set-based write path for pages too large for one INSERT: rows are converted and streamed into a
 * temporary table with COPY as they arrive, so a page of any size holds only a chunk of text in memory. The
 * latest version of each Id is then merged into the table under the same stale-write guard as single rows.
 */
export async function mergeStaged(tx: Transaction, table: TableInfo, source: PageSource, options: MergeOptions): Promise<{ upserted: number; deleted: number }> {
  const columns = stagedColumns(table, source.fields);
  const names = columns.map((column) => quoteIdent(column.name));
  await tx.query(`CREATE TEMP TABLE _sfsync_stage ON COMMIT DROP AS SELECT ${names.join(', ')} FROM ${table.sqlName} WITH NO DATA`);
  await tx.query(`ALTER TABLE ${STAGE} ADD COLUMN ${ORDINAL} bigint GENERATED ALWAYS AS IDENTITY`);
  const staged = await tx.copyFrom(`${STAGE} (${names.join(', ')})`, csvChunks(table, columns, source, options.format));
  if (staged === 0) {
    await tx.query(`DROP TABLE ${STAGE}`);
    return { upserted: 0, deleted: 0 };
  }

  const isDeleted = columns.find((column) => column === table.fields.get('isdeleted'));
  const modstamp = columns.find((column) => column === table.systemModstamp);
  const latest = latestPerId(table, names, modstamp);
  const deletedFlag = isDeleted === undefined ? 'false' : `coalesce(page.${quoteIdent(isDeleted.name)}, false)`;
  const pageNames = names.map((name) => `page.${name}`);
  const insertList = `${names.join(', ')}, ${quoteIdent(table.deletedAt.name)}, ${SYNCED_AT}`;
  const onConflict = conflictClause(table, [...names, quoteIdent(table.deletedAt.name)]);

  const live = await tx.query(
    `INSERT INTO ${table.sqlName} AS target (${insertList})
     SELECT ${pageNames.join(', ')}, NULL, now() FROM (${latest}) AS page WHERE NOT ${deletedFlag} ${onConflict}`);
  let deleted = 0;
  if (isDeleted !== undefined) {
    deleted = options.deleteMode === 'hard'
      ? (await tx.query(hardDeleteSql(table, latest, deletedFlag, modstamp))).rowCount
      : (await tx.query(
        `INSERT INTO ${table.sqlName} AS target (${insertList})
         SELECT ${pageNames.join(', ')}, ${deletionTime(modstamp)}, now() FROM (${latest}) AS page WHERE ${deletedFlag} ${onConflict}`,
        [options.committedAt])).rowCount;
  }
  await tx.query(`DROP TABLE ${STAGE}`);
  return { upserted: live.rowCount, deleted };
}

/** Id, then the page's fields in order; a field the table lacks fails here, before anything is written. */
function stagedColumns(table: TableInfo, fields: readonly string[]): Column[] {
  const columns = new Set<Column>([table.id]);
  for (const field of fields) {
    if (field !== 'attributes') columns.add(fieldColumn(table, field));
  }
  return [...columns];
}

async function* csvChunks(table: TableInfo, columns: readonly Column[], source: PageSource, format: ValueFormat): AsyncGenerator<string> {
  const fields = new Set(source.fields);
  let chunk = '';
  let index = 0;
  for await (const record of source.records()) {
    // Checked before conversion: the staging table's columns are fixed, and a stream cannot be read again.
    for (const field of Object.keys(record)) {
      if (!fields.has(field)) {
        throw new StoreError('INVALID_INPUT', `record ${index} of a streamed ${table.object} page has field ${field}, which the page's first record lacks`,
          { object: table.object, field });
      }
    }
    const { values } = pageRow(record, table, format);
    chunk += `${csvLine(columns.map((column) => toSqlText(values.get(column) ?? null)))}\n`;
    index += 1;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** One row per Id: the one with the latest SystemModstamp (null counts as oldest), then the last to arrive. */
function latestPerId(table: TableInfo, names: readonly string[], modstamp: Column | undefined): string {
  const order = [quoteIdent(table.id.name), ...(modstamp === undefined ? [] : [`${quoteIdent(modstamp.name)} DESC NULLS LAST`]), `${ORDINAL} DESC`];
  return `SELECT DISTINCT ON (${quoteIdent(table.id.name)}) ${names.join(', ')} FROM ${STAGE} ORDER BY ${order.join(', ')}`;
}

function deletionTime(modstamp: Column | undefined): string {
  return modstamp === undefined ? '$1::timestamptz' : `coalesce(page.${quoteIdent(modstamp.name)}, $1::timestamptz)`;
}

/** Deletes rows by Id, except rows changed after the delete (a later undelete). */
function hardDeleteSql(table: TableInfo, latest: string, deletedFlag: string, modstamp: Column | undefined): string {
  const id = quoteIdent(table.id.name);
  const stored = table.systemModstamp === undefined ? null : `target.${quoteIdent(table.systemModstamp.name)}`;
  const pageStamp = modstamp === undefined ? null : `page.${quoteIdent(modstamp.name)}`;
  const guard = stored === null || pageStamp === null ? '' : ` AND (${stored} IS NULL OR ${pageStamp} IS NULL OR ${stored} <= ${pageStamp})`;
  return `DELETE FROM ${table.sqlName} AS target USING (${latest}) AS page WHERE ${deletedFlag} AND target.${id} = page.${id}${guard}`;
}
