import {
  address, checkbox, currency, date, dateTime, email, integer, lookup, phone, picklist, text, textArea, url, SYSTEM,
} from '../field-def.js';
import type { ObjectDef } from '../object-def.js';
import { INDUSTRIES, LEAD_SOURCES, LEAD_STATUSES, RATINGS, SALUTATIONS } from '../picklists.js';
import { activityFields, auditFields, fullName, idField, isDeletedField, masterRecordField, ownerField } from '../system-fields.js';

export const lead: ObjectDef = {
  name: 'Lead',
  label: 'Lead',
  labelPlural: 'Leads',
  keyPrefix: '00Q',
  fields: [
    idField(),
    isDeletedField(),
    masterRecordField('Lead'),
    text('LastName', 'Last Name', 80, { nillable: false }),
    text('FirstName', 'First Name', 40),
    picklist('Salutation', 'Salutation', SALUTATIONS),
    text('Name', 'Full Name', 121, { ...SYSTEM, nameField: true }),
    text('Title', 'Title', 128),
    text('Company', 'Company', 255, { nillable: false }),
    ...address('', ''),
    phone('Phone', 'Phone'),
    phone('MobilePhone', 'Mobile Phone'),
    email('Email', 'Email', { idLookup: true }),
    url('Website', 'Website'),
    textArea('Description', 'Description', 32000),
    picklist('LeadSource', 'Lead Source', LEAD_SOURCES),
    picklist('Status', 'Status', LEAD_STATUSES, { nillable: false, defaultValue: 'Open - Not Contacted' }),
    picklist('Industry', 'Industry', INDUSTRIES),
    picklist('Rating', 'Rating', RATINGS),
    currency('AnnualRevenue', 'Annual Revenue', 18, 0),
    integer('NumberOfEmployees', 'Employees', 8),
    ownerField(),
    checkbox('IsConverted', 'Converted'),
    date('ConvertedDate', 'Converted Date', SYSTEM),
    lookup('ConvertedAccountId', 'Converted Account ID', ['Account'], 'ConvertedAccount', SYSTEM),
    lookup('ConvertedContactId', 'Converted Contact ID', ['Contact'], 'ConvertedContact', SYSTEM),
    lookup('ConvertedOpportunityId', 'Converted Opportunity ID', ['Opportunity'], 'ConvertedOpportunity', SYSTEM),
    checkbox('IsUnreadByOwner', 'Unread By Owner'),
    ...auditFields(),
    ...activityFields(),
    dateTime('EmailBouncedDate', 'Email Bounced Date'),
  ],
  onSave: (row) => {
    if (row.provided('FirstName') || row.provided('LastName')) row.set('Name', fullName(row.get('FirstName'), row.get('LastName')));
  },
};
