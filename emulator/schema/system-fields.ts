import { SYSTEM, checkbox, dateTime, date, field, lookup, type FieldDef } from './field-def.js';

/** Every object's primary key. */
export function idField(): FieldDef {
  return field('id', 'Id', 'Record ID', {
    ...SYSTEM, length: 18, nillable: false, idLookup: true, defaultedOnCreate: true,
  });
}

export function isDeletedField(): FieldDef {
  return checkbox('IsDeleted', 'Deleted', SYSTEM);
}

/** Owner lookup; `['Group', 'User']` makes it polymorphic, as on Account, Lead, Case and custom objects. */
export function ownerField(referenceTo: string[] = ['Group', 'User']): FieldDef {
  return lookup('OwnerId', 'Owner ID', referenceTo, 'Owner', { nillable: false, defaultedOnCreate: true });
}

export function masterRecordField(objectName: string): FieldDef {
  return lookup('MasterRecordId', `Master Record ID`, [objectName], 'MasterRecord', SYSTEM);
}

/** CreatedDate, CreatedById, LastModifiedDate, LastModifiedById, SystemModstamp. */
export function auditFields(): FieldDef[] {
  const audit = { ...SYSTEM, nillable: false, defaultedOnCreate: true };
  return [
    dateTime('CreatedDate', 'Created Date', audit),
    lookup('CreatedById', 'Created By ID', ['User'], 'CreatedBy', audit),
    dateTime('LastModifiedDate', 'Last Modified Date', audit),
    lookup('LastModifiedById', 'Last Modified By ID', ['User'], 'LastModifiedBy', audit),
    dateTime('SystemModstamp', 'System Modstamp', audit),
  ];
}

export function activityFields(): FieldDef[] {
  return [
    date('LastActivityDate', 'Last Activity', SYSTEM),
    dateTime('LastViewedDate', 'Last Viewed Date', SYSTEM),
    dateTime('LastReferencedDate', 'Last Referenced Date', SYSTEM),
  ];
}

/** `FirstName LastName`, the way Contact, Lead and User build their read-only Name. */
export function fullName(first: unknown, last: unknown): string | null {
  const parts = [first, last].filter((part): part is string => typeof part === 'string' && part !== '');
  return parts.length === 0 ? null : parts.join(' ');
}
