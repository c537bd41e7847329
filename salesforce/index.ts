export { createSalesforceClient } from './client/create-salesforce-client.js';
export type { SalesforceClientOptions } from './client/create-salesforce-client.js';
export type { SalesforceClient } from './client/salesforce-client.js';

export { connectionConfigSchema, authConfigSchema, apiVersionSchema } from './config/connection-config.js';
export type {
  ConnectionConfig,
  ConnectionConfigInput,
  AuthConfig,
  JwtAuthConfig,
  ClientCredentialsAuthConfig,
  RefreshTokenAuthConfig,
  WebServerAuthConfig,
  PasswordAuthConfig,
} from './config/connection-config.js';
export { secretRefSchema, resolveSecret } from './config/secret-ref.js';
export { findSecretProblems } from './config/check-secrets.js';
export type { SecretRef } from './config/secret-ref.js';
export { loadConnections, resolveConnection, configPath, DEFAULT_CONFIG_PATH } from './config/load-connections.js';
export { emulatorConnection, EMULATOR_CREDENTIALS_PATH } from './config/emulator-connection.js';

export { SalesforceError, isSalesforceError } from './errors/salesforce-error.js';
export { toSalesforceError, parseRetryAfter } from './errors/to-salesforce-error.js';
export type { ErrorSource, ErrorContext, FailedResponse } from './errors/to-salesforce-error.js';
export { isRetryable, retryDecision } from './errors/is-retryable.js';
export type { RetryDecision } from './errors/is-retryable.js';
export { CLIENT_ERROR_CODES, SALESFORCE_ERROR_CODES } from './errors/error-codes.js';
export type { SalesforceErrorCode, ClientErrorCode, SalesforceErrorCodeName } from './errors/error-codes.js';

export { TokenCache, processTokenCache } from './auth/token-cache.js';
export type { AccessToken } from './auth/access-token.js';
export { runWebServerLogin } from './auth/web-server-login.js';
export type { WebServerLoginOptions, WebServerLoginResult } from './auth/web-server-login.js';

export { ApiUsageTracker, DEFAULT_USAGE_THRESHOLDS } from './usage/api-usage-tracker.js';
export type { ApiCallEvent, UsageThresholdEvent } from './usage/api-usage-tracker.js';
export { parseLimitInfo } from './usage/limit-info.js';
export type { ApiUsage } from './usage/limit-info.js';

export { redactText } from './redact/redact.js';
export type { Clock } from './time/clock.js';
export { systemClock } from './time/clock.js';

export { soql, soqlFragment, ident, identList, dateLiteral, literal } from './soql/soql.js';
export type { SoqlFragment, SoqlValue } from './soql/soql.js';
export { formatDatetime, formatDate, quoteString } from './soql/literals.js';

export type { QueryOptions, CountOptions } from './resources/query.js';
export type { QueryPage, SObjectRecord, SaveResult, RecordError } from './resources/record-schemas.js';
export type { SObjectDescribe, FieldDescribe, GlobalDescribe } from './resources/describe-schemas.js';
export type { CompositeSubrequest, CompositeResult } from './resources/composite.js';
export { COMPOSITE_MAX_SUBREQUESTS } from './resources/composite.js';
export type { CollectionsApi, CollectionOptions } from './resources/collections.js';
export { COLLECTIONS_MAX_RECORDS } from './resources/collections.js';
export type { SObjectsApi, SObjectFields, UpsertResult } from './resources/sobjects.js';
export type { Limits } from './resources/limits.js';
export type { UpdatedRecords, DeletedRecords } from './resources/replication.js';

export { runSmokeTest, formatSmokeReport } from './smoke/smoke-test.js';
export type { SmokeReport, SmokeStep } from './smoke/smoke-test.js';

export type { Bulk2Api } from './bulk2/bulk2-api.js';
export type { Bulk2Query, Bulk2QueryOptions } from './bulk2/bulk-query.js';
export type { Bulk2Record } from './bulk2/csv-records.js';
export type { QueryResultPage, QueryResultPagesOptions } from './bulk2/query-result-pages.js';
export type { CreateQueryJobOptions } from './bulk2/query-jobs.js';
export type { IngestJobSpec } from './bulk2/ingest-jobs.js';
export type { IngestOptions, IngestOutcome, IngestJobSummary } from './bulk2/ingest.js';
export { DEFAULT_MAX_UPLOAD_BYTES } from './bulk2/ingest.js';
export type { IngestRecord } from './bulk2/ingest-csv.js';
export { NULL_CELL } from './bulk2/ingest-csv.js';
export type { IngestRecordResult } from './bulk2/ingest-results.js';
export type { WaitOptions } from './bulk2/wait-for-job.js';
export { throwIfJobFailed } from './bulk2/wait-for-job.js';
export { isQueryJobRefusal } from './bulk2/query-refusal.js';
export { nextPollDelay, DEFAULT_POLL_SCHEDULE } from './bulk2/poll-schedule.js';
export type { PollSchedule } from './bulk2/poll-schedule.js';
export type { JobState, QueryJobInfo, IngestJobInfo, IngestOperation, ColumnDelimiter, LineEnding } from './bulk2/job-schemas.js';
