import { describe, expect, it } from 'vitest';
import { deleteBlocker, softDelete } from '../../../emulator/store/delete-records.js';
import { createRecord, updateRecord } from '../../../emulator/store/record-writer.js';
import { SaveError } from '../../../emulator/store/save-error.js';
import { readScalar } from '../../../emulator/store/stored-record.js';
import { createOrgFixture, NOW } from './org-fixture.js';

function saveError(run: () => unknown): SaveError {
  try {
    run();
  } catch (error) {
    if (error instanceof SaveError) return error;
    throw error;
  }
  throw new Error('expected a SaveError');
}

describe('record saves', () => {
  it('fills system fields, defaults and derived values on insert', () => {
    const org = createOrgFixture();
    const object = org.store.schema.object('Case')!;
    const record = org.store.write(() => createRecord(org.store, object, { Subject: 'Printer on fire', Status: 'Closed' }, org.userId));
    const read = (name: string): unknown => readScalar(record, object, name);
    expect(record.id).toMatch(/^500[0-9A-Za-z]{15}$/);
    expect([read('CreatedDate'), read('LastModifiedDate'), read('SystemModstamp')]).toEqual([NOW, NOW, NOW]);
    expect([read('OwnerId'), read('CreatedById')]).toEqual([org.userId, org.userId]);
    expect([read('Priority'), read('IsEscalated'), read('IsClosed'), read('ClosedDate')]).toEqual(['Medium', false, true, NOW]);
    expect(read('CaseNumber')).toBe('00000001');
  });

  it('moves LastModifiedDate and SystemModstamp on every update', () => {
    const org = createOrgFixture();
    const object = org.store.schema.object('Contact')!;
    const record = org.store.write(() => createRecord(org.store, object, { FirstName: 'Ada', LastName: 'Lovelace' }, org.userId));
    org.clock.advance(61_500);
    org.store.write(() => updateRecord(org.store, object, record, { Title: 'Countess' }, org.userId));
    expect(record.modstamp).toBe(NOW + 61_000);
    expect(readScalar(record, object, 'LastModifiedDate')).toBe(NOW + 61_000);
    expect(readScalar(record, object, 'Name')).toBe('Ada Lovelace');
  });

  it.each([
    [{ FirstName: 'No last name' }, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [LastName]', ['LastName']],
    [{ LastName: 'x'.repeat(81) }, 'STRING_TOO_LONG', `Last Name: data value too large: ${'x'.repeat(81)} (max length=80)`, ['LastName']],
    [{ LastName: 'L', Email: 'not-an-email' }, 'INVALID_EMAIL_ADDRESS', 'Email: invalid email address: not-an-email', ['Email']],
    [{ LastName: 'L', AccountId: '003000000000001' }, 'MALFORMED_ID', 'Account ID: id value of incorrect type: 003000000000001AAA', ['AccountId']],
    [{ LastName: 'L', AccountId: '001000000000001' }, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', ['AccountId']],
    [{ LastName: 'L', CreatedDate: '2020-01-01T00:00:00Z', Name: 'x' }, 'INVALID_FIELD_FOR_INSERT_UPDATE', 'Unable to create/update fields: CreatedDate, Name.', ['CreatedDate', 'Name']],
    [{ LastName: 'L', Id: '003000000000001' }, 'INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id']],
  ])('rejects %j with %s', (input, statusCode, message, fields) => {
    const org = createOrgFixture();
    const error = saveError(() => org.store.write(() => createRecord(org.store, org.store.schema.object('Contact')!, input, org.userId)));
    expect(error.items[0]).toMatchObject({ statusCode, fields });
    expect(error.items[0]?.message).toContain(message);
    expect(error.requestLevel).toBe(false);
  });

  it('fails the whole request for an unknown field or a value of the wrong JSON type', () => {
    const org = createOrgFixture();
    const account = org.store.schema.object('Account')!;
    const unknown = saveError(() => createRecord(org.store, account, { Name: 'A', Nope__c: 1 }, org.userId));
    expect(unknown).toMatchObject({ requestLevel: true, items: [{ statusCode: 'INVALID_FIELD', message: "No such column 'Nope__c' on sobject of type Account" }] });
    const wrongType = saveError(() => createRecord(org.store, account, { Name: 'A', NumberOfEmployees: 'many' }, org.userId));
    expect(wrongType.items[0]?.statusCode).toBe('JSON_PARSER_ERROR');
  });

  it('keeps external IDs unique, case-insensitively', () => {
    const org = createOrgFixture();
    const [first] = org.insert('Invoice__c', [{ Name: 'A', External_Id__c: 'INV-1' }]);
    const error = saveError(() => org.insert('Invoice__c', [{ Name: 'B', External_Id__c: 'inv-1' }]));
    expect(error.items[0]).toMatchObject({ statusCode: 'DUPLICATE_VALUE', message: `duplicate value found: External_Id__c duplicates value on record with id: ${first}` });
  });

  it('undoes every change of a write that throws', () => {
    const org = createOrgFixture();
    const account = org.store.schema.object('Account')!;
    expect(() => org.store.write(() => {
      createRecord(org.store, account, { Name: 'Kept?' }, org.userId);
      throw new Error('boom');
    })).toThrow('boom');
    expect(org.store.tableFor(account).size).toBe(0);
  });

  it('cascades an Account delete to its Contacts and clears other lookups, moving their SystemModstamp', () => {
    const org = createOrgFixture();
    const [accountId] = org.insert('Account', [{ Name: 'Parent' }]);
    const [contactId] = org.insert('Contact', [{ LastName: 'Child', AccountId: accountId }]);
    const [invoiceId] = org.insert('Invoice__c', [{ Name: 'INV', Account__c: accountId }]);
    org.clock.advance(5_000);
    const accounts = org.store.tableFor(org.store.schema.object('Account')!);
    org.store.write(() => softDelete(org.store, accounts, [accounts.get(accountId!)!], org.userId));
    const contact = org.store.find(contactId!)!.record;
    const invoice = org.store.find(invoiceId!)!;
    expect(contact.deletedAt).toBe(NOW + 5_000);
    expect(invoice.record.deletedAt).toBeNull();
    expect(readScalar(invoice.record, invoice.table.schema, 'Account__c')).toBeNull();
    expect(invoice.record.modstamp).toBe(NOW + 5_000);
    expect(deleteBlocker(accounts.schema, accounts.get(accountId!)!)?.items[0]?.statusCode).toBe('ENTITY_IS_DELETED');
  });
});
