import { describeField } from './describe-field.js';
import type { ObjectSchema } from './object-schema.js';

/** The master record type every object has (its ID is the all-zero 012 ID). */
const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

function objectUrls(object: ObjectSchema, version: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${object.name}`;
  return {
    compactLayouts: `${base}/describe/compactLayouts`,
    rowTemplate: `${base}/{ID}`,
    approvalLayouts: `${base}/describe/approvalLayouts`,
    defaultValues: `${base}/defaultValues?recordTypeId&fields`,
    listviews: `${base}/listviews`,
    describe: `${base}/describe`,
    quickActions: `${base}/quickActions`,
    layouts: `${base}/describe/layouts`,
    sobject: base,
  };
}

/** An entry of the global describe `sobjects[]`, also `objectDescribe` in basic info (docs/salesforce-api.md §3.1). */
export function describeGlobalEntry(object: ObjectSchema, version: string): Record<string, unknown> {
  const deletable = object.def.deletable !== false;
  return {
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    createable: true,
    custom: object.custom,
    customSetting: false,
    deepCloneable: false,
    deletable,
    deprecatedAndHidden: false,
    feedEnabled: !object.custom,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: object.keyPrefix,
    label: object.def.label,
    labelPlural: object.def.labelPlural,
    layoutable: true,
    mergeable: ['Account', 'Contact', 'Lead', 'Case'].includes(object.name),
    mruEnabled: true,
    name: object.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: deletable,
    updateable: true,
    urls: objectUrls(object, version),
  };
}

/** `GET /sobjects/X/describe` (docs/salesforce-api.md §3.2). */
export function describeObject(object: ObjectSchema, version: string, instanceUrl: string): Record<string, unknown> {
  const global = describeGlobalEntry(object, version);
  const base = `/services/data/v${version}/sobjects/${object.name}`;
  return {
    actionOverrides: [],
    ...global,
    childRelationships: object.childRelationships.map((child) => ({
      associatedEntityType: null,
      cascadeDelete: child.cascadeDelete,
      childSObject: child.childSObject,
      deprecatedAndHidden: false,
      field: child.field,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName: child.relationshipName,
      restrictedDelete: false,
    })),
    compactLayoutable: true,
    defaultImplementation: null,
    extendedBy: null,
    extendsInterfaces: null,
    fields: object.fields.map((field) => describeField(field.def)),
    implementedBy: null,
    implementsInterfaces: null,
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: [{
      active: true, available: true, defaultRecordTypeMapping: true, developerName: 'Master', master: true, name: 'Master',
      recordTypeId: MASTER_RECORD_TYPE_ID, urls: { layout: `${base}/describe/layouts/${MASTER_RECORD_TYPE_ID}` },
    }],
    searchLayoutable: true,
    sobjectDescribeOption: 'FULL',
    supportedScopes: [
      { label: `All ${object.def.labelPlural.toLowerCase()}`, name: 'everything' },
      { label: `My ${object.def.labelPlural.toLowerCase()}`, name: 'mine' },
    ],
    urls: {
      ...objectUrls(object, version),
      uiEditTemplate: `${instanceUrl}/{ID}/e`,
      uiDetailTemplate: `${instanceUrl}/{ID}`,
      uiNewRecord: `${instanceUrl}/${object.keyPrefix}/e`,
    },
  };
}
