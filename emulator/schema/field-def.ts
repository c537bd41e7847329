/**
 * Field metadata as authored for the org model. `describe-field.ts` turns it into the describe JSON entry;
 * the store and SOQL read `type`, the flags and the relationship data.
 */
export type FieldType =
  | 'id' | 'string' | 'textarea' | 'email' | 'phone' | 'url' | 'picklist' | 'multipicklist'
  | 'boolean' | 'int' | 'double' | 'currency' | 'percent' | 'date' | 'datetime' | 'reference'
  | 'address' | 'location';

export interface PicklistEntry {
  value: string;
  label: string;
  active: boolean;
  defaultValue: boolean;
}

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  /** Characters for text types, 0 otherwise. */
  length: number;
  precision: number;
  scale: number;
  digits: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  custom: boolean;
  externalId: boolean;
  unique: boolean;
  idLookup: boolean;
  nameField: boolean;
  calculated: boolean;
  autoNumber: boolean;
  defaultedOnCreate: boolean;
  caseSensitive: boolean;
  htmlFormatted: boolean;
  picklistValues: PicklistEntry[];
  restrictedPicklist: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  /** How the parent names its children through this lookup (its `childRelationships` entry). */
  childRelationshipName: string | null;
  cascadeDelete: boolean;
  /** For the parts of an address or location: the compound field they belong to. */
  compoundFieldName: string | null;
  extraTypeInfo: string | null;
  calculatedFormula: string | null;
  inlineHelpText: string | null;
}

export type FieldOptions = Partial<Omit<FieldDef, 'name' | 'label' | 'type'>>;

export function field(type: FieldType, name: string, label: string, options: FieldOptions = {}): FieldDef {
  const custom = name.endsWith('__c') || name.endsWith('__s');
  return {
    name, label, type,
    length: 0, precision: 0, scale: 0, digits: 0,
    nillable: true, createable: true, updateable: true,
    custom, externalId: false, unique: false, idLookup: false, nameField: false,
    calculated: false, autoNumber: false, defaultedOnCreate: false, caseSensitive: false, htmlFormatted: false,
    picklistValues: [], restrictedPicklist: false,
    referenceTo: [], relationshipName: null, childRelationshipName: null, cascadeDelete: false,
    compoundFieldName: null, extraTypeInfo: null, calculatedFormula: null, inlineHelpText: null,
    ...options,
  };
}

/** Read-only system-maintained fields: neither createable nor updateable. */
export const SYSTEM: FieldOptions = { createable: false, updateable: false };

export const text = (name: string, label: string, length: number, options: FieldOptions = {}): FieldDef =>
  field('string', name, label, { length, ...options });

export const textArea = (name: string, label: string, length: number, options: FieldOptions = {}): FieldDef =>
  field('textarea', name, label, { length, extraTypeInfo: length > 255 ? 'plaintextarea' : null, ...options });

export const email = (name: string, label: string, options: FieldOptions = {}): FieldDef =>
  field('email', name, label, { length: 80, ...options });

export const phone = (name: string, label: string, options: FieldOptions = {}): FieldDef =>
  field('phone', name, label, { length: 40, ...options });

export const url = (name: string, label: string, options: FieldOptions = {}): FieldDef =>
  field('url', name, label, { length: 255, ...options });

export const checkbox = (name: string, label: string, options: FieldOptions = {}): FieldDef =>
  field('boolean', name, label, { nillable: false, defaultedOnCreate: true, ...options });

export const integer = (name: string, label: string, digits: number, options: FieldOptions = {}): FieldDef =>
  field('int', name, label, { digits, ...options });

export const double = (name: string, label: string, precision: number, scale: number, options: FieldOptions = {}): FieldDef =>
  field('double', name, label, { precision, scale, ...options });

export const currency = (name: string, label: string, precision = 18, scale = 2, options: FieldOptions = {}): FieldDef =>
  field('currency', name, label, { precision, scale, ...options });

export const percent = (name: string, label: string, precision = 3, scale = 0, options: FieldOptions = {}): FieldDef =>
  field('percent', name, label, { precision, scale, ...options });

export const date = (name: string, label: string, options: FieldOptions = {}): FieldDef =>
  field('date', name, label, options);

export const dateTime = (name: string, label: string, options: FieldOptions = {}): FieldDef =>
  field('datetime', name, label, options);

export function picklist(name: string, label: string, values: readonly string[], options: FieldOptions & { defaultValue?: string } = {}): FieldDef {
  const { defaultValue, ...rest } = options;
  return field('picklist', name, label, {
    length: 255,
    picklistValues: values.map((value) => ({ value, label: value, active: true, defaultValue: value === defaultValue })),
    defaultedOnCreate: defaultValue !== undefined,
    ...rest,
  });
}

export const multiPicklist = (name: string, label: string, values: readonly string[], options: FieldOptions = {}): FieldDef =>
  field('multipicklist', name, label, {
    length: 4099,
    picklistValues: values.map((value) => ({ value, label: value, active: true, defaultValue: false })),
    ...options,
  });

export interface LookupOptions extends FieldOptions {
  /** The parent's name for the children reached through this lookup. */
  children?: string;
}

export function lookup(name: string, label: string, referenceTo: string[], relationshipName: string, options: LookupOptions = {}): FieldDef {
  const { children, ...rest } = options;
  return field('reference', name, label, {
    length: 18,
    referenceTo,
    relationshipName,
    childRelationshipName: children ?? null,
    ...rest,
  });
}

/** A compound address (`BillingAddress`) plus its writable parts (`BillingStreet`, ...); Lead and User use no prefix. */
export function address(prefix: string, label: string): FieldDef[] {
  const compoundFieldName = `${prefix}Address`;
  const part = { compoundFieldName };
  const named = (suffix: string): string => (label === '' ? suffix : `${label} ${suffix}`);
  return [
    textArea(`${prefix}Street`, named('Street'), 255, part),
    text(`${prefix}City`, named('City'), 40, part),
    text(`${prefix}State`, named('State/Province'), 80, part),
    text(`${prefix}PostalCode`, named('Zip/Postal Code'), 20, part),
    text(`${prefix}Country`, named('Country'), 80, part),
    double(`${prefix}Latitude`, named('Latitude'), 18, 15, part),
    double(`${prefix}Longitude`, named('Longitude'), 18, 15, part),
    picklist(`${prefix}GeocodeAccuracy`, named('Geocode Accuracy'),
      ['Address', 'NearAddress', 'Block', 'Street', 'ExtendedZip', 'Zip', 'Neighborhood', 'City', 'County', 'State', 'Unknown'], part),
    field('address', compoundFieldName, named('Address'), SYSTEM),
  ];
}

/** A custom geolocation field (`X__c`) plus its `X__Latitude__s` / `X__Longitude__s` parts. */
export function geolocation(name: string, label: string): FieldDef[] {
  const base = name.replace(/__c$/, '');
  const part = { compoundFieldName: name };
  return [
    field('location', name, label, { ...SYSTEM, custom: true, precision: 0, scale: 6 }),
    double(`${base}__Latitude__s`, `${label} (Latitude)`, 9, 6, part),
    double(`${base}__Longitude__s`, `${label} (Longitude)`, 9, 6, part),
  ];
}
