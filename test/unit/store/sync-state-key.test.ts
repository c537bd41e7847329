import { describe, expect, it } from 'vitest';
import { DEFAULT_CURSOR, syncStateKey } from '../../../store/sync-state.js';

describe('syncStateKey', () => {
  it('names the incremental cursor when none is given', () => {
    expect(syncStateKey('prod', 'Account')).toEqual({ connection: 'prod', object: 'Account', cursor: DEFAULT_CURSOR });
    expect(DEFAULT_CURSOR).toBe('incremental');
  });

  it.each(['backfill', '2023', 'backfill:2023-01-01..2023-07-01', 'a_b.c:d-e', `b${'x'.repeat(120)}`])('accepts the cursor %s', (cursor) => {
    expect(syncStateKey('prod', 'Invoice__c', cursor).cursor).toBe(cursor);
  });

  it.each(['', '.hidden', ':x', 'back fill', 'a/b', 'a\nb', 'ä', `b${'x'.repeat(121)}`])('refuses the cursor %j', (cursor) => {
    expect(() => syncStateKey('prod', 'Account', cursor)).toThrow(expect.objectContaining({ code: 'INVALID_IDENTIFIER' }));
  });

  it('refuses an object that is not an API name', () => {
    expect(() => syncStateKey('prod', 'Account"; --')).toThrow(expect.objectContaining({ code: 'INVALID_IDENTIFIER' }));
  });
});
