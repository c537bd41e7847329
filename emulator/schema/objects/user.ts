import { address, checkbox, dateTime, email, lookup, phone, picklist, text, SYSTEM } from '../field-def.js';
import type { ObjectDef } from '../object-def.js';
import { EMAIL_ENCODINGS, LANGUAGES, LOCALES, TIME_ZONES, USER_TYPES } from '../picklists.js';
import { auditFields, fullName, idField } from '../system-fields.js';

/** Users are never deleted (they are deactivated), so User has no IsDeleted and no owner. */
export const user: ObjectDef = {
  name: 'User',
  label: 'User',
  labelPlural: 'Users',
  keyPrefix: '005',
  deletable: false,
  fields: [
    idField(),
    text('Username', 'Username', 80, { nillable: false, unique: true, idLookup: true }),
    text('LastName', 'Last Name', 80, { nillable: false }),
    text('FirstName', 'First Name', 40),
    text('Name', 'Full Name', 121, { ...SYSTEM, nameField: true }),
    text('CompanyName', 'Company Name', 80),
    text('Division', 'Division', 80),
    text('Department', 'Department', 80),
    text('Title', 'Title', 80),
    ...address('', ''),
    email('Email', 'Email', { nillable: false }),
    phone('Phone', 'Phone'),
    phone('MobilePhone', 'Mobile'),
    text('Alias', 'Alias', 8, { nillable: false }),
    checkbox('IsActive', 'Active', { defaultedOnCreate: true }),
    picklist('TimeZoneSidKey', 'Time Zone', TIME_ZONES, { nillable: false }),
    picklist('LocaleSidKey', 'Locale', LOCALES, { nillable: false }),
    picklist('EmailEncodingKey', 'Email Encoding', EMAIL_ENCODINGS, { nillable: false }),
    picklist('LanguageLocaleKey', 'Language', LANGUAGES, { nillable: false }),
    picklist('UserType', 'User Type', USER_TYPES, { ...SYSTEM, defaultedOnCreate: true }),
    lookup('ManagerId', 'Manager ID', ['User'], 'Manager', { children: 'ManagedUsers' }),
    dateTime('LastLoginDate', 'Last Login', SYSTEM),
    ...auditFields(),
  ],
  onSave: (row, { kind }) => {
    if (row.provided('FirstName') || row.provided('LastName')) row.set('Name', fullName(row.get('FirstName'), row.get('LastName')));
    if (kind === 'insert') {
      row.set('UserType', 'Standard');
      if (!row.provided('IsActive')) row.set('IsActive', true);
    }
  },
};
