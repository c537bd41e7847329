import type { Connection } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { customSearchAttributes } from '../common/search-attributes.js';

// temporal.api.enums.v1.IndexedValueType, as the operator service expects it.
const indexedValueType: Record<SearchAttributeType, number> = {
  [SearchAttributeType.TEXT]: 1,
  [SearchAttributeType.KEYWORD]: 2,
  [SearchAttributeType.INT]: 3,
  [SearchAttributeType.DOUBLE]: 4,
  [SearchAttributeType.BOOL]: 5,
  [SearchAttributeType.DATETIME]: 6,
  [SearchAttributeType.KEYWORD_LIST]: 7,
};

/**
 * Registers the project's custom search attributes that the namespace lacks. Idempotent.
 * `start-dev --search-attribute` only applies when its SQLite file is first created, so a server
 * with an existing database needs this at run time (docs/temporal.md §1).
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = customSearchAttributes.filter((key) => !known.has(key.name));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((key) => [key.name, indexedValueType[key.type]])),
  });
  return missing.map((key) => key.name);
}
