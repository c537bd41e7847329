import { z } from 'zod';

/**
 * Describe shapes (docs/salesforce-api.md §3.1, §3.2). Salesforce sends many more keys than listed; they are kept
 * (loose objects), and only the ones the sync relies on are required.
 */
export const picklistValueSchema = z.looseObject({
  value: z.string(),
  label: z.string().nullable(),
  active: z.boolean(),
  defaultValue: z.boolean(),
  validFor: z.string().nullable().optional(),
});

export const fieldDescribeSchema = z.looseObject({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  soapType: z.string().optional(),
  length: z.number(),
  byteLength: z.number().optional(),
  precision: z.number(),
  scale: z.number(),
  digits: z.number().optional(),
  nillable: z.boolean(),
  createable: z.boolean(),
  updateable: z.boolean(),
  externalId: z.boolean(),
  calculated: z.boolean(),
  unique: z.boolean().optional(),
  idLookup: z.boolean().optional(),
  custom: z.boolean().optional(),
  defaultedOnCreate: z.boolean().optional(),
  filterable: z.boolean().optional(),
  sortable: z.boolean().optional(),
  compoundFieldName: z.string().nullable(),
  referenceTo: z.array(z.string()),
  relationshipName: z.string().nullable(),
  picklistValues: z.array(picklistValueSchema),
});
export type FieldDescribe = z.infer<typeof fieldDescribeSchema>;

export const childRelationshipSchema = z.looseObject({
  childSObject: z.string(),
  field: z.string(),
  relationshipName: z.string().nullable(),
  cascadeDelete: z.boolean().optional(),
});

const sobjectSummaryShape = {
  name: z.string(),
  label: z.string(),
  labelPlural: z.string().optional(),
  keyPrefix: z.string().nullable(),
  custom: z.boolean(),
  createable: z.boolean(),
  updateable: z.boolean(),
  deletable: z.boolean(),
  queryable: z.boolean(),
  retrieveable: z.boolean(),
  replicateable: z.boolean(),
  urls: z.record(z.string(), z.string()).optional(),
};

export const sobjectDescribeSchema = z.looseObject({
  ...sobjectSummaryShape,
  fields: z.array(fieldDescribeSchema),
  childRelationships: z.array(childRelationshipSchema).optional(),
});
export type SObjectDescribe = z.infer<typeof sobjectDescribeSchema>;

export const globalDescribeSchema = z.looseObject({
  encoding: z.string().optional(),
  maxBatchSize: z.number().optional(),
  sobjects: z.array(z.looseObject(sobjectSummaryShape)),
});
export type GlobalDescribe = z.infer<typeof globalDescribeSchema>;
