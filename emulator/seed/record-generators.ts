import type { Random } from '../random.js';
import type { FieldValue } from '../schema/object-def.js';
import {
  ACCOUNT_SEGMENTS, ACCOUNT_TYPES, CASE_ORIGINS, CASE_PRIORITIES, CASE_REASONS, CASE_STATUSES, CASE_TYPES, COMPETITORS,
  CONTACT_CHANNELS, INDUSTRIES, INVOICE_CATEGORIES, INVOICE_STATUSES, LEAD_SOURCES, LEAD_STATUSES, OPPORTUNITY_STAGES,
  OWNERSHIPS, RATINGS, SALUTATIONS,
} from '../schema/picklists.js';
import { utcDateOf } from '../values/datetime.js';
import {
  CASE_SUBJECTS, CITIES, COMPANY_CORES, COMPANY_SUFFIXES, DESCRIPTIONS, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, PRODUCTS,
  STREETS,
} from './value-pools.js';

export interface GeneratorContext {
  random: Random;
  /** A number unique within the object (the sequence of the record's ID): keeps names and external IDs unique. */
  sequence: number;
  /** CreatedDate of the record, epoch ms. */
  created: number;
  /** A random live record ID of `objectName`, or null when it has none. */
  parentId: (objectName: string) => string | null;
}

/** Field values in stored form (datetimes as epoch ms, dates as `YYYY-MM-DD`) by API name. */
export type GeneratedFields = Record<string, FieldValue>;

const DAY_MS = 86_400_000;

export const RECORD_GENERATORS: Record<string, (context: GeneratorContext) => GeneratedFields> = {
  User: ({ random, sequence }) => {
    const { first, last } = person(random);
    return {
      FirstName: first, LastName: last, Username: `user${sequence}@sfsync-emulator.example`,
      Email: `user${sequence}@${random.pick(EMAIL_DOMAINS)}`, Alias: `user${sequence}`.slice(0, 8),
      TimeZoneSidKey: 'GMT', LocaleSidKey: 'en_US', EmailEncodingKey: 'UTF-8', LanguageLocaleKey: 'en_US',
      Title: maybe(random, 0.7, () => random.pick(['Account Executive', 'Support Engineer', 'Sales Manager'])),
    };
  },
  Account: ({ random, sequence, parentId }) => ({
    Name: companyName(random, sequence),
    Type: random.pick(ACCOUNT_TYPES),
    ParentId: random.chance(0.05) ? parentId('Account') : null,
    ...addressFields(random, 'Billing'),
    ...(random.chance(0.4) ? addressFields(random, 'Shipping') : {}),
    Phone: maybe(random, 0.8, () => phoneNumber(random)),
    AccountNumber: maybe(random, 0.6, () => flat(`AC-${String(sequence).padStart(7, '0')}`)),
    Website: maybe(random, 0.6, () => flat(`https://www.${random.pick(['acme', 'globex', 'initech', 'hooli'])}${sequence}.example.com`)),
    Industry: maybe(random, 0.9, () => random.pick(INDUSTRIES)),
    AnnualRevenue: maybe(random, 0.7, () => random.int(10, 50_000) * 10_000),
    NumberOfEmployees: maybe(random, 0.7, () => random.int(1, 250_000)),
    Ownership: maybe(random, 0.5, () => random.pick(OWNERSHIPS)),
    Description: maybe(random, 0.3, () => random.pick(DESCRIPTIONS) || null),
    Rating: maybe(random, 0.5, () => random.pick(RATINGS)),
    AccountSource: maybe(random, 0.5, () => random.pick(LEAD_SOURCES)),
    Segments__c: maybe(random, 0.5, () => pickSome(random, ACCOUNT_SEGMENTS).join(';')),
    Health_Score__c: maybe(random, 0.6, () => random.int(0, 100)),
    Is_Partner__c: random.chance(0.1),
  }),
  Contact: ({ random, sequence, parentId }) => {
    const { first, last } = person(random);
    return {
      AccountId: random.chance(0.9) ? parentId('Account') : null,
      FirstName: first, LastName: last,
      Salutation: maybe(random, 0.4, () => random.pick(SALUTATIONS)),
      ...addressFields(random, 'Mailing'),
      Phone: maybe(random, 0.7, () => phoneNumber(random)),
      MobilePhone: maybe(random, 0.5, () => phoneNumber(random)),
      Email: maybe(random, 0.85, () => flat(`contact${sequence}@${random.pick(EMAIL_DOMAINS)}`)),
      Title: maybe(random, 0.6, () => random.pick(['CEO', 'CTO', 'VP, Sales', 'Director of IT', 'Buyer'])),
      LeadSource: maybe(random, 0.5, () => random.pick(LEAD_SOURCES)),
      Birthdate: maybe(random, 0.3, () => `19${random.int(50, 99)}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`),
      Description: maybe(random, 0.2, () => random.pick(DESCRIPTIONS) || null),
      HasOptedOutOfEmail: random.chance(0.1),
      DoNotCall: random.chance(0.05),
      Preferred_Channel__c: maybe(random, 0.5, () => random.pick(CONTACT_CHANNELS)),
    };
  },
  Opportunity: ({ random, created, parentId }) => {
    const stage = random.pick(Object.keys(OPPORTUNITY_STAGES));
    return {
      AccountId: random.chance(0.95) ? parentId('Account') : null,
      Name: flat(`${random.pick(COMPANY_CORES)} - ${random.pick(PRODUCTS)}`),
      StageName: stage,
      Amount: maybe(random, 0.9, () => random.int(5, 5_000) * 100),
      CloseDate: utcDateOf(created + random.int(-30, 180) * DAY_MS),
      Type: maybe(random, 0.6, () => random.pick(['New Customer', 'Existing Customer - Upgrade'])),
      NextStep: maybe(random, 0.4, () => random.pick(['Send proposal', 'Call back, Tuesday', 'Demo "v2"'])),
      LeadSource: maybe(random, 0.5, () => random.pick(LEAD_SOURCES)),
      Description: maybe(random, 0.2, () => random.pick(DESCRIPTIONS) || null),
      Discount__c: maybe(random, 0.3, () => random.int(0, 3000) / 100),
      Competitors__c: maybe(random, 0.3, () => pickSome(random, COMPETITORS).join(';')),
    };
  },
  Lead: ({ random, sequence }) => {
    const { first, last } = person(random);
    return {
      FirstName: first, LastName: last,
      Company: companyName(random, sequence),
      Title: maybe(random, 0.5, () => random.pick(['Owner', 'Head of Ops', 'Procurement'])),
      ...addressFields(random, ''),
      Phone: maybe(random, 0.6, () => phoneNumber(random)),
      Email: maybe(random, 0.8, () => flat(`lead${sequence}@${random.pick(EMAIL_DOMAINS)}`)),
      LeadSource: maybe(random, 0.7, () => random.pick(LEAD_SOURCES)),
      Status: random.pick(LEAD_STATUSES),
      Industry: maybe(random, 0.6, () => random.pick(INDUSTRIES)),
      Rating: maybe(random, 0.4, () => random.pick(RATINGS)),
      NumberOfEmployees: maybe(random, 0.5, () => random.int(1, 5_000)),
      Description: maybe(random, 0.2, () => random.pick(DESCRIPTIONS) || null),
    };
  },
  Case: ({ random, created, parentId }) => ({
    AccountId: random.chance(0.8) ? parentId('Account') : null,
    ContactId: random.chance(0.7) ? parentId('Contact') : null,
    Type: maybe(random, 0.6, () => random.pick(CASE_TYPES)),
    Status: random.pick(CASE_STATUSES),
    Reason: maybe(random, 0.5, () => random.pick(CASE_REASONS)),
    Origin: random.pick(CASE_ORIGINS),
    Subject: random.pick(CASE_SUBJECTS),
    Priority: random.pick(CASE_PRIORITIES),
    Description: maybe(random, 0.6, () => random.pick(DESCRIPTIONS) || null),
    IsEscalated: random.chance(0.1),
    SuppliedEmail: maybe(random, 0.3, () => flat(`requester${random.int(1, 99_999)}@${random.pick(EMAIL_DOMAINS)}`)),
    SLA_Due__c: maybe(random, 0.5, () => created + random.int(1, 72) * 3_600_000),
  }),
  Invoice__c: ({ random, sequence, created, parentId }) => {
    const status = random.pick(INVOICE_STATUSES);
    const city = random.pick(CITIES);
    return {
      Name: flat(`INV-${String(sequence).padStart(8, '0')}`),
      External_Id__c: flat(`EXT-${sequence.toString(36).toUpperCase().padStart(8, '0')}`),
      Account__c: random.chance(0.9) ? parentId('Account') : null,
      Amount__c: random.int(100, 10_000_000) / 100,
      Status__c: status,
      Issued_Date__c: utcDateOf(created),
      Due_Date__c: utcDateOf(created + 30 * DAY_MS),
      Paid__c: status === 'Paid',
      Paid_At__c: status === 'Paid' ? created + random.int(1, 40) * DAY_MS : null,
      Tax_Rate__c: maybe(random, 0.8, () => random.pick([0, 5, 7.5, 19, 20, 21])),
      Line_Count__c: random.int(1, 40),
      Categories__c: maybe(random, 0.7, () => pickSome(random, INVOICE_CATEGORIES).join(';')),
      Billing_Email__c: maybe(random, 0.6, () => flat(`billing${sequence}@${random.pick(EMAIL_DOMAINS)}`)),
      Billing_Phone__c: maybe(random, 0.4, () => phoneNumber(random)),
      Portal_Url__c: maybe(random, 0.3, () => flat(`https://portal.example.com/invoices/${sequence}?view=full&lang=en`)),
      Notes__c: maybe(random, 0.3, () => random.pick(DESCRIPTIONS) || null),
      Delivery_Location__Latitude__s: maybe(random, 0.4, () => city.lat),
      Delivery_Location__Longitude__s: maybe(random, 0.4, () => city.lon),
    };
  },
};

/** A small realistic edit per object, in REST input form: what org activity and `mutate` apply. */
export const UPDATE_GENERATORS: Record<string, (random: Random) => Record<string, unknown>> = {
  User: (random) => ({ Title: random.pick(['Account Executive', 'Support Lead', 'Sales Director']) }),
  Account: (random) => ({ Rating: random.pick(RATINGS), Phone: phoneNumber(random), Description: random.pick(DESCRIPTIONS) }),
  Contact: (random) => ({ Title: random.pick(['CEO', 'CFO', 'Buyer']), MobilePhone: phoneNumber(random) }),
  Opportunity: (random) => ({ StageName: random.pick(Object.keys(OPPORTUNITY_STAGES)), Amount: random.int(5, 5_000) * 100 }),
  Lead: (random) => ({ Status: random.pick(LEAD_STATUSES), Rating: random.pick(RATINGS) }),
  Case: (random) => ({ Status: random.pick(CASE_STATUSES), Priority: random.pick(CASE_PRIORITIES) }),
  Invoice__c: (random) => ({ Status__c: random.pick(INVOICE_STATUSES), Amount__c: random.int(100, 10_000_000) / 100 }),
};

function person(random: Random): { first: string; last: string } {
  return { first: random.pick(FIRST_NAMES), last: random.pick(LAST_NAMES) };
}

function companyName(random: Random, sequence: number): string {
  return flat(`${random.pick(COMPANY_CORES)} ${random.pick(COMPANY_SUFFIXES)} #${sequence}`);
}

function addressFields(random: Random, prefix: string): GeneratedFields {
  const place = random.pick(CITIES);
  return {
    [`${prefix}Street`]: random.pick(STREETS),
    [`${prefix}City`]: place.city,
    [`${prefix}State`]: place.state,
    [`${prefix}PostalCode`]: place.postal,
    [`${prefix}Country`]: place.country,
    [`${prefix}Latitude`]: random.chance(0.5) ? place.lat : null,
    [`${prefix}Longitude`]: random.chance(0.5) ? place.lon : null,
  };
}

function phoneNumber(random: Random): string {
  return random.pick([
    () => flat(`(${random.int(200, 999)}) ${random.int(200, 999)}-${random.int(1000, 9999)}`),
    () => flat(`+44 20 ${random.int(1000, 9999)} ${random.int(1000, 9999)}`),
    () => flat(`+81-3-${random.int(1000, 9999)}-${random.int(1000, 9999)}`),
  ])();
}

/** One to three distinct values, in picklist order. */
function pickSome<T>(random: Random, values: readonly T[]): T[] {
  const picked = values.filter(() => random.chance(0.35)).slice(0, 3);
  return picked.length > 0 ? picked : [random.pick(values)];
}

function maybe<T>(random: Random, probability: number, value: () => T): T | null {
  return random.chance(probability) ? value() : null;
}

/**
 * Text built by concatenation is a tree of pieces in V8; a flat copy takes about a third of the memory, which is
 * what lets a million generated records stay well under 2 GB.
 */
function flat(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
