import {
  address, checkbox, currency, date, integer, lookup, multiPicklist, percent, phone, picklist, text, textArea, url,
} from '../field-def.js';
import type { ObjectDef } from '../object-def.js';
import { ACCOUNT_SEGMENTS, ACCOUNT_TYPES, INDUSTRIES, LEAD_SOURCES, OWNERSHIPS, RATINGS } from '../picklists.js';
import { activityFields, auditFields, idField, isDeletedField, masterRecordField, ownerField } from '../system-fields.js';

export const account: ObjectDef = {
  name: 'Account',
  label: 'Account',
  labelPlural: 'Accounts',
  keyPrefix: '001',
  fields: [
    idField(),
    isDeletedField(),
    masterRecordField('Account'),
    text('Name', 'Account Name', 255, { nillable: false, nameField: true }),
    picklist('Type', 'Account Type', ACCOUNT_TYPES),
    lookup('ParentId', 'Parent Account ID', ['Account'], 'Parent', { children: 'ChildAccounts' }),
    ...address('Billing', 'Billing'),
    ...address('Shipping', 'Shipping'),
    phone('Phone', 'Account Phone'),
    phone('Fax', 'Account Fax'),
    text('AccountNumber', 'Account Number', 40),
    url('Website', 'Website'),
    text('Sic', 'SIC Code', 20),
    picklist('Industry', 'Industry', INDUSTRIES),
    currency('AnnualRevenue', 'Annual Revenue', 18, 0),
    integer('NumberOfEmployees', 'Employees', 8),
    picklist('Ownership', 'Ownership', OWNERSHIPS),
    text('TickerSymbol', 'Ticker Symbol', 20),
    textArea('Description', 'Account Description', 32000),
    picklist('Rating', 'Account Rating', RATINGS),
    text('Site', 'Account Site', 80),
    ownerField(),
    ...auditFields(),
    ...activityFields(),
    text('Jigsaw', 'Data.com Key', 20),
    picklist('AccountSource', 'Account Source', LEAD_SOURCES),
    text('SicDesc', 'SIC Description', 80),
    multiPicklist('Segments__c', 'Segments', ACCOUNT_SEGMENTS),
    percent('Health_Score__c', 'Health Score', 3, 0),
    checkbox('Is_Partner__c', 'Partner'),
    date('Customer_Since__c', 'Customer Since'),
  ],
};
