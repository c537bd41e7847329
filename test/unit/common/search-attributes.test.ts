import { describe, expect, it } from 'vitest';
import { searchAttributeCliSpecs } from '../../../common/search-attributes.js';

describe('custom search attributes', () => {
  it('render as the NAME=Type pairs the dev server accepts', () => {
    const specs = searchAttributeCliSpecs();
    expect(specs).toContainEqual({ name: 'SfObject', type: 'Keyword' });
    expect(specs).toContainEqual({ name: 'SfPaused', type: 'Bool' });
    expect(specs).toContainEqual({ name: 'SfRecordsSynced', type: 'Int' });
  });

  it('stay within the SQLite visibility store slots (10 Keyword, 3 of each other type)', () => {
    const counts = new Map<string, number>();
    for (const { type } of searchAttributeCliSpecs()) counts.set(type, (counts.get(type) ?? 0) + 1);
    for (const [type, count] of counts) expect(count).toBeLessThanOrEqual(type === 'Keyword' ? 10 : 3);
  });
});
