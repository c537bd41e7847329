import {
  checkbox, currency, date, dateTime, double, email, geolocation, lookup, multiPicklist, percent, phone, picklist, text,
  textArea, url,
} from '../field-def.js';
import type { ObjectDef } from '../object-def.js';
import { INVOICE_CATEGORIES, INVOICE_STATUSES } from '../picklists.js';
import { activityFields, auditFields, idField, isDeletedField, ownerField } from '../system-fields.js';

/** The custom object: an external ID for idempotent upserts and a lookup (not master-detail) to Account. */
export const invoice: ObjectDef = {
  name: 'Invoice__c',
  label: 'Invoice',
  labelPlural: 'Invoices',
  keyPrefix: 'a01',
  fields: [
    idField(),
    ownerField(),
    isDeletedField(),
    text('Name', 'Invoice Name', 80, { nillable: false, nameField: true }),
    ...auditFields(),
    ...activityFields(),
    lookup('Account__c', 'Account', ['Account'], 'Account__r', { children: 'Invoices__r' }),
    text('External_Id__c', 'External ID', 255, { externalId: true, unique: true, idLookup: true }),
    currency('Amount__c', 'Amount', 16, 2),
    picklist('Status__c', 'Status', INVOICE_STATUSES, { defaultValue: 'Draft' }),
    date('Issued_Date__c', 'Issued Date'),
    date('Due_Date__c', 'Due Date'),
    checkbox('Paid__c', 'Paid'),
    dateTime('Paid_At__c', 'Paid At'),
    percent('Tax_Rate__c', 'Tax Rate', 5, 2),
    double('Line_Count__c', 'Line Count', 18, 0),
    multiPicklist('Categories__c', 'Categories', INVOICE_CATEGORIES),
    email('Billing_Email__c', 'Billing Email'),
    phone('Billing_Phone__c', 'Billing Phone'),
    url('Portal_Url__c', 'Portal URL'),
    textArea('Notes__c', 'Notes', 32768),
    ...geolocation('Delivery_Location__c', 'Delivery Location'),
  ],
};
