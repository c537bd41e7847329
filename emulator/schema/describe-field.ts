import type { FieldDef, FieldType } from './field-def.js';

const SOAP_TYPES: Record<FieldType, string> = {
  id: 'tns:ID', reference: 'tns:ID', string: 'xsd:string', textarea: 'xsd:string', email: 'xsd:string',
  phone: 'xsd:string', url: 'xsd:string', picklist: 'xsd:string', multipicklist: 'xsd:string',
  boolean: 'xsd:boolean', int: 'xsd:int', double: 'xsd:double', currency: 'xsd:double', percent: 'xsd:double',
  date: 'xsd:date', datetime: 'xsd:dateTime', address: 'urn:address', location: 'urn:location',
};

const GROUPABLE = new Set<FieldType>(['id', 'reference', 'string', 'email', 'phone', 'url', 'picklist', 'boolean', 'int', 'date']);
/** Salesforce counts text capacity in bytes at three per character. */
const BYTES_PER_CHAR = 3;

export function isFilterable(field: FieldDef): boolean {
  return field.type !== 'address' && field.type !== 'location' && !(field.type === 'textarea' && field.length > 255);
}

export function isSortable(field: FieldDef): boolean {
  return isFilterable(field) && field.type !== 'multipicklist';
}

/** One entry of `fields[]` in an sObject describe: every key present, alphabetical, as the REST API sends it. */
export function describeField(field: FieldDef): Record<string, unknown> {
  const filterable = isFilterable(field);
  const textual = field.type !== 'id' && field.type !== 'reference' && SOAP_TYPES[field.type] === 'xsd:string';
  const polymorphic = field.referenceTo.length > 1;
  return {
    aggregatable: filterable && field.type !== 'multipicklist',
    aiPredictionField: false,
    autoNumber: field.autoNumber,
    byteLength: textual ? field.length * BYTES_PER_CHAR : field.type === 'id' || field.type === 'reference' ? 18 : 0,
    calculated: field.calculated,
    calculatedFormula: field.calculatedFormula,
    cascadeDelete: false,
    caseSensitive: field.caseSensitive,
    compoundFieldName: field.compoundFieldName,
    controllerName: null,
    createable: field.createable,
    custom: field.custom,
    defaultValue: field.type === 'boolean' ? false : null,
    defaultValueFormula: null,
    defaultedOnCreate: field.defaultedOnCreate,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: field.digits,
    displayLocationInDecimal: field.type === 'location',
    encrypted: false,
    externalId: field.externalId,
    extraTypeInfo: field.extraTypeInfo,
    filterable,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    groupable: GROUPABLE.has(field.type) && filterable,
    highScaleNumber: false,
    htmlFormatted: field.htmlFormatted,
    idLookup: field.idLookup,
    inlineHelpText: field.inlineHelpText,
    label: field.label,
    length: field.length,
    mask: null,
    maskType: null,
    name: field.name,
    nameField: field.nameField,
    namePointing: polymorphic,
    nillable: field.nillable,
    permissionable: field.nillable && field.updateable,
    picklistValues: field.picklistValues.map((entry) => ({
      active: entry.active, defaultValue: entry.defaultValue, label: entry.label, validFor: null, value: entry.value,
    })),
    polymorphicForeignKey: polymorphic,
    precision: field.precision,
    queryByDistance: field.type === 'location',
    referenceTargetField: null,
    referenceTo: field.referenceTo,
    relationshipName: field.relationshipName,
    relationshipOrder: null,
    restrictedDelete: false,
    restrictedPicklist: field.restrictedPicklist,
    scale: field.scale,
    searchPrefilterable: false,
    soapType: SOAP_TYPES[field.type],
    sortable: isSortable(field),
    type: field.type,
    unique: field.unique,
    updateable: field.updateable,
    writeRequiresMasterRead: false,
  };
}
