import { z } from 'zod';

/** Job states (docs/salesforce-api.md §6.1): query jobs start at UploadComplete; only ingest jobs are ever Open. */
export const jobStateSchema = z.enum(['Open', 'UploadComplete', 'InProgress', 'JobComplete', 'Failed', 'Aborted']);
export type JobState = z.infer<typeof jobStateSchema>;

export const columnDelimiterSchema = z.enum(['COMMA', 'TAB', 'PIPE', 'SEMICOLON', 'CARET', 'BACKQUOTE']);
export type ColumnDelimiter = z.infer<typeof columnDelimiterSchema>;

export const lineEndingSchema = z.enum(['LF', 'CRLF']);
export type LineEnding = z.infer<typeof lineEndingSchema>;

/** The character each `columnDelimiter` stands for (docs/salesforce-api.md §6.1). */
export const DELIMITER_CHARACTERS: Readonly<Record<ColumnDelimiter, string>> = {
  COMMA: ',',
  TAB: '\t',
  PIPE: '|',
  SEMICOLON: ';',
  CARET: '^',
  BACKQUOTE: '`',
};

export const ingestOperationSchema = z.enum(['insert', 'update', 'upsert', 'delete', 'hardDelete']);
export type IngestOperation = z.infer<typeof ingestOperationSchema>;

/**
 * Fields every job info carries, from create, close/abort and poll responses alike (docs/salesforce-api.md §6.1, §6.4).
 * `apiVersion` is a JSON number (52, or 58.0 in the docs). The rest appears only on some responses.
 */
const jobInfoBase = {
  id: z.string(),
  object: z.string(),
  createdById: z.string(),
  createdDate: z.string(),
  systemModstamp: z.string(),
  state: jobStateSchema,
  apiVersion: z.number(),
  concurrencyMode: z.string().optional(),
  contentType: z.string().optional(),
  lineEnding: lineEndingSchema.optional(),
  columnDelimiter: columnDelimiterSchema.optional(),
  jobType: z.string().optional(),
  numberRecordsProcessed: z.number().int().nonnegative().optional(),
  retries: z.number().int().nonnegative().optional(),
  totalProcessingTime: z.number().nonnegative().optional(),
  /** Present when the job is Failed, e.g. `InvalidBatch : Field name not found : Foo__c`. */
  errorMessage: z.string().nullish(),
};

export const queryJobInfoSchema = z.looseObject({
  ...jobInfoBase,
  operation: z.enum(['query', 'queryAll']),
});
export type QueryJobInfo = z.infer<typeof queryJobInfoSchema>;

export const ingestJobInfoSchema = z.looseObject({
  ...jobInfoBase,
  operation: ingestOperationSchema,
  externalIdFieldName: z.string().optional(),
  /** Relative, with no leading slash, and only while the job is Open. */
  contentUrl: z.string().optional(),
  numberRecordsFailed: z.number().int().nonnegative().optional(),
  apiActiveProcessingTime: z.number().nonnegative().optional(),
  apexProcessingTime: z.number().nonnegative().optional(),
});
export type IngestJobInfo = z.infer<typeof ingestJobInfoSchema>;

/** Ids name a URL path segment; refusing anything else keeps a stray value out of the request. */
const JOB_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

export function isJobId(value: string): boolean {
  return JOB_ID.test(value);
}
