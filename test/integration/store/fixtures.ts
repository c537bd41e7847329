import { fromRestValue, type FieldSpec } from '../../../store/index.js';

/** A realistic Account describe: standard and custom fields, compound address and geolocation, a formula. */
export const ACCOUNT_FIELDS: Array<FieldSpec & { calculated?: boolean; compoundFieldName?: string | null }> = [
  { name: 'Id', type: 'id' },
  { name: 'IsDeleted', type: 'boolean' },
  { name: 'Name', type: 'string' },
  { name: 'Type', type: 'picklist' },
  { name: 'ParentId', type: 'reference' },
  { name: 'BillingStreet', type: 'textarea', compoundFieldName: 'BillingAddress' },
  { name: 'BillingCity', type: 'string', compoundFieldName: 'BillingAddress' },
  { name: 'BillingPostalCode', type: 'string', compoundFieldName: 'BillingAddress' },
  { name: 'BillingCountry', type: 'string', compoundFieldName: 'BillingAddress' },
  { name: 'BillingLatitude', type: 'double', compoundFieldName: 'BillingAddress' },
  { name: 'BillingLongitude', type: 'double', compoundFieldName: 'BillingAddress' },
  { name: 'BillingAddress', type: 'address' },
  { name: 'AnnualRevenue', type: 'currency' },
  { name: 'NumberOfEmployees', type: 'int' },
  { name: 'Description', type: 'textarea' },
  { name: 'Interests__c', type: 'multipicklist' },
  { name: 'HQ__Latitude__s', type: 'double', compoundFieldName: 'HQ__c' },
  { name: 'HQ__Longitude__s', type: 'double', compoundFieldName: 'HQ__c' },
  { name: 'HQ__c', type: 'location' },
  { name: 'Founded__c', type: 'date' },
  { name: 'OpensAt__c', type: 'time' },
  { name: 'Logo__c', type: 'base64' },
  { name: 'Score__c', type: 'percent', calculated: true },
  { name: 'CreatedDate', type: 'datetime' },
  { name: 'SystemModstamp', type: 'datetime' },
];

/** The fields a REST query of Account selects: every stored field. */
export const ACCOUNT_COLUMNS = ACCOUNT_FIELDS.filter((field) => !['address', 'location', 'base64'].includes(field.type)).map((field) => field.name);

// Strings that break naive CSV, COPY and array encoders.
export const NASTY_STRINGS = [
  'comma, "quotes" and \'apostrophes\'',
  'line 1\nline 2\r\nline 3\rend',
  '\\.',
  'before\n\\.\nafter',
  'tab\there',
  'back\\slash \\N \\\\',
  'NULL',
  '   ',
  'emoji 🚀👩‍👩‍👧 and ZWJ',
  '日本語のテキスト, 中文, العربية, עברית, Ελληνικά, русский',
  '{"json": [1, 2]}',
  "'; DROP TABLE \"Account\"; --",
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** An 18-character Account Id (the checksum suffix is not checked by the store). */
export const accountId = (n: number) => `001${pad(n, 12)}AAA`;

export function modstamp(second: number): string {
  return new Date(Date.UTC(2024, 0, 1) + second * 1000).toISOString().replace('Z', '+0000');
}

/** An Account as a REST query returns it. */
export function restAccount(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${accountId(n)}` },
    Id: accountId(n),
    IsDeleted: false,
    Name: `Account ${n} ${NASTY_STRINGS[n % NASTY_STRINGS.length]}`,
    Type: n % 3 === 0 ? null : 'Customer - Direct',
    ParentId: n > 1 ? accountId(n - 1) : null,
    BillingStreet: NASTY_STRINGS[(n + 3) % NASTY_STRINGS.length],
    BillingCity: n % 2 === 0 ? 'São Paulo' : 'Москва',
    BillingPostalCode: pad(n % 100000, 5),
    BillingCountry: null,
    BillingLatitude: n % 5 === 0 ? null : 48.858844 + n / 1e6,
    BillingLongitude: 2.294351,
    AnnualRevenue: n % 7 === 0 ? '12345678901234567.89' : 1200.5 + n,
    NumberOfEmployees: n % 4 === 0 ? null : n * 10,
    Description: n % 2 === 0 ? NASTY_STRINGS[n % NASTY_STRINGS.length] : null,
    Interests__c: n % 3 === 0 ? null : n % 3 === 1 ? 'Golf;Sailing' : 'Chess;"Go";{Shogi},\\',
    HQ__Latitude__s: 37.7749,
    HQ__Longitude__s: -122.4194,
    Founded__c: `19${pad(n % 100, 2)}-0${(n % 9) + 1}-1${n % 10}`,
    OpensAt__c: '08:30:00.000Z',
    Score__c: 33.333333,
    CreatedDate: '2020-05-06T07:08:09.000+0000',
    SystemModstamp: modstamp(n),
    ...overrides,
  };
}

/** The same record as a Bulk API 2.0 query result row: every cell text, null as "", datetimes in the Z form. */
export function csvAccount(rest: Record<string, unknown>): Record<string, string> {
  const row: Record<string, string> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === 'attributes') continue;
    row[key] = value === null ? '' : typeof value === 'string' ? value.replace(/\+0000$/, 'Z') : JSON.stringify(value);
  }
  return row;
}

export const checkpointAt = (second: number, n: number) => ({ watermark: { systemModstamp: modstamp(second), id: accountId(n) } });

/** The row readRows should return for a REST record, by the documented conversion. */
export function expectedRow(rest: Record<string, unknown>, deletedAt: string | null = null): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const field of ACCOUNT_FIELDS) {
    if (ACCOUNT_COLUMNS.includes(field.name)) row[field.name] = fromRestValue(field, rest[field.name]);
  }
  return { ...row, _sf_deleted_at: deletedAt };
}
