import { checkbox, dateTime, email, lookup, phone, picklist, text, textArea, SYSTEM } from '../field-def.js';
import type { ObjectDef } from '../object-def.js';
import { CASE_ORIGINS, CASE_PRIORITIES, CASE_REASONS, CASE_STATUSES, CASE_TYPES } from '../picklists.js';
import { auditFields, idField, isDeletedField, masterRecordField, ownerField } from '../system-fields.js';

/** Case numbers are an auto-number field with the display format {00000000}. */
const CASE_NUMBER_WIDTH = 8;

export const caseObject: ObjectDef = {
  name: 'Case',
  label: 'Case',
  labelPlural: 'Cases',
  keyPrefix: '500',
  fields: [
    idField(),
    isDeletedField(),
    masterRecordField('Case'),
    text('CaseNumber', 'Case Number', 30, { ...SYSTEM, autoNumber: true, nameField: true, defaultedOnCreate: true, idLookup: true }),
    lookup('ContactId', 'Contact ID', ['Contact'], 'Contact', { children: 'Cases' }),
    lookup('AccountId', 'Account ID', ['Account'], 'Account', { children: 'Cases', cascadeDelete: true }),
    text('SuppliedName', 'Name', 80),
    email('SuppliedEmail', 'Email Address'),
    text('SuppliedPhone', 'Phone', 40),
    text('SuppliedCompany', 'Company', 80),
    picklist('Type', 'Case Type', CASE_TYPES),
    picklist('Status', 'Status', CASE_STATUSES, { defaultValue: 'New' }),
    picklist('Reason', 'Case Reason', CASE_REASONS),
    picklist('Origin', 'Case Origin', CASE_ORIGINS),
    text('Subject', 'Subject', 255),
    picklist('Priority', 'Priority', CASE_PRIORITIES, { defaultValue: 'Medium' }),
    textArea('Description', 'Description', 32000),
    checkbox('IsClosed', 'Closed', SYSTEM),
    dateTime('ClosedDate', 'Closed Date', SYSTEM),
    checkbox('IsEscalated', 'Escalated'),
    ownerField(),
    ...auditFields(),
    phone('Escalation_Phone__c', 'Escalation Phone'),
    dateTime('SLA_Due__c', 'SLA Due'),
  ],
  onSave: (row, { kind, now, nextAutoNumber }) => {
    if (kind === 'insert') row.set('CaseNumber', String(nextAutoNumber('CaseNumber')).padStart(CASE_NUMBER_WIDTH, '0'));
    const closed = row.get('Status') === 'Closed';
    if (closed && row.get('IsClosed') !== true) row.set('ClosedDate', now);
    if (!closed) row.set('ClosedDate', null);
    row.set('IsClosed', closed);
  },
};
