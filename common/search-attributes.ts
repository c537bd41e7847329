import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes that make syncs filterable in the Web UI and `temporal workflow list --query`.
 * The dev server's SQLite visibility store has 10 Keyword, 3 Int and 3 Bool slots per namespace
 * (docs/temporal.md §1), so this list stays short.
 */
export const SfConnection = defineSearchAttributeKey('SfConnection', SearchAttributeType.KEYWORD);
export const SfObject = defineSearchAttributeKey('SfObject', SearchAttributeType.KEYWORD);
export const SfRoute = defineSearchAttributeKey('SfRoute', SearchAttributeType.KEYWORD);
export const SfPhase = defineSearchAttributeKey('SfPhase', SearchAttributeType.KEYWORD);
export const SfPaused = defineSearchAttributeKey('SfPaused', SearchAttributeType.BOOL);
export const SfRecordsSynced = defineSearchAttributeKey('SfRecordsSynced', SearchAttributeType.INT);

const cliTypeNames: Record<SearchAttributeType, string> = {
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.BOOL]: 'Bool',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
};

export const customSearchAttributes = [SfConnection, SfObject, SfRoute, SfPhase, SfPaused, SfRecordsSynced];

/** `NAME=Type` pairs as `temporal server start-dev --search-attribute` and `operator search-attribute create` expect. */
export function searchAttributeCliSpecs(): Array<{ name: string; type: string }> {
  return customSearchAttributes.map((key) => ({ name: key.name, type: cliTypeNames[key.type] }));
}
