import { describe, expect, it } from 'vitest';
import { selectFields } from '../../../activities/sync/select-fields.js';
import { SyncFailure } from '../../../common/sync-failure.js';

const described = [
  { name: 'Id', type: 'id' },
  { name: 'IsDeleted', type: 'boolean' },
  { name: 'Name', type: 'string' },
  { name: 'BillingStreet', type: 'textarea' },
  { name: 'BillingAddress', type: 'address' },
  { name: 'Logo__c', type: 'base64' },
  { name: 'SystemModstamp', type: 'datetime' },
];

describe('selectFields', () => {
  it('reads every field but compounds and blobs when none are requested', () => {
    expect(selectFields('Account', described).map((f) => f.name)).toEqual(['Id', 'IsDeleted', 'Name', 'BillingStreet', 'SystemModstamp']);
  });

  it('always adds the key, the cursor and the delete flag to a requested list, in describe order and canonical case', () => {
    expect(selectFields('Account', described, ['name']).map((f) => f.name)).toEqual(['Id', 'IsDeleted', 'Name', 'SystemModstamp']);
  });

  it('fails with INVALID_FIELD naming an unknown field', () => {
    try {
      selectFields('Account', described, ['Name', 'Nope__c']);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SyncFailure);
      expect(error).toMatchObject({ type: 'INVALID_FIELD', details: { object: 'Account', field: 'Nope__c' } });
      expect((error as Error).message).toContain("'Nope__c'");
    }
  });

  it('points a requested compound field to its components', () => {
    expect(() => selectFields('Account', described, ['BillingAddress'])).toThrow(/request its component fields/);
  });
});
