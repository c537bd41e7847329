import { address, checkbox, date, dateTime, email, lookup, phone, picklist, text, textArea, SYSTEM } from '../field-def.js';
import type { ObjectDef } from '../object-def.js';
import { CONTACT_CHANNELS, LEAD_SOURCES, SALUTATIONS } from '../picklists.js';
import { activityFields, auditFields, fullName, idField, isDeletedField, masterRecordField, ownerField } from '../system-fields.js';

export const contact: ObjectDef = {
  name: 'Contact',
  label: 'Contact',
  labelPlural: 'Contacts',
  keyPrefix: '003',
  fields: [
    idField(),
    isDeletedField(),
    masterRecordField('Contact'),
    lookup('AccountId', 'Account ID', ['Account'], 'Account', { children: 'Contacts', cascadeDelete: true }),
    text('LastName', 'Last Name', 80, { nillable: false }),
    text('FirstName', 'First Name', 40),
    picklist('Salutation', 'Salutation', SALUTATIONS),
    text('Name', 'Full Name', 121, { ...SYSTEM, nameField: true }),
    ...address('Mailing', 'Mailing'),
    phone('Phone', 'Business Phone'),
    phone('Fax', 'Business Fax'),
    phone('MobilePhone', 'Mobile Phone'),
    phone('HomePhone', 'Home Phone'),
    email('Email', 'Email', { idLookup: true }),
    text('Title', 'Title', 128),
    text('Department', 'Department', 80),
    picklist('LeadSource', 'Lead Source', LEAD_SOURCES),
    date('Birthdate', 'Birthdate'),
    textArea('Description', 'Contact Description', 32000),
    ownerField(['User']),
    checkbox('HasOptedOutOfEmail', 'Email Opt Out'),
    checkbox('DoNotCall', 'Do Not Call'),
    ...auditFields(),
    ...activityFields(),
    text('EmailBouncedReason', 'Email Bounced Reason', 255),
    dateTime('EmailBouncedDate', 'Email Bounced Date'),
    picklist('Preferred_Channel__c', 'Preferred Channel', CONTACT_CHANNELS),
    // A non-unique external ID, as migrations often leave behind: upserts on it can match several records (300).
    text('Legacy_Id__c', 'Legacy ID', 64, { externalId: true, idLookup: true }),
  ],
  onSave: (row) => {
    if (row.provided('FirstName') || row.provided('LastName')) row.set('Name', fullName(row.get('FirstName'), row.get('LastName')));
  },
};
