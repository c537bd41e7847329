import { describe, expect, it } from 'vitest';
import type { SalesforceErrorCode } from '../../../salesforce/index.js';
import { CLIENT_ERROR_CODES, isRetryable, retryDecision, SALESFORCE_ERROR_CODES } from '../../../salesforce/index.js';

describe('the retry decision table', () => {
  it.each<[SalesforceErrorCode, number | undefined]>([
    ['SERVICE_UNAVAILABLE', 503],
    ['SERVICE_UNAVAILABLE', 502],
    ['SERVICE_UNAVAILABLE', 504],
    ['SERVER_UNAVAILABLE', 503],
    ['UNKNOWN_EXCEPTION', 500],
    ['UNABLE_TO_LOCK_ROW', 400],
    ['NETWORK', undefined],
    ['TIMEOUT', undefined],
  ])('treats %s (status %s) as transient', (code, status) => {
    expect(retryDecision({ code, status })).toBe('transient');
    expect(isRetryable({ code, status })).toBe(true);
  });

  it('retries REQUEST_LIMIT_EXCEEDED only later, never in-process', () => {
    expect(retryDecision({ code: 'REQUEST_LIMIT_EXCEEDED', status: 403 })).toBe('later');
    expect(isRetryable({ code: 'REQUEST_LIMIT_EXCEEDED', status: 403 })).toBe(true);
  });

  it.each<[SalesforceErrorCode, number | undefined]>([
    ['MALFORMED_QUERY', 400],
    ['INVALID_FIELD', 400],
    ['NOT_FOUND', 404],
    ['ENTITY_IS_DELETED', 404],
    ['INVALID_SESSION_ID', 401],
    ['AUTH_FAILED', 400],
    ['INSUFFICIENT_ACCESS', 403],
    ['API_DISABLED_FOR_ORG', 403],
    ['INVALID_QUERY_LOCATOR', 400],
    ['API_VERSION_UNSUPPORTED', 410],
    ['MULTIPLE_CHOICES', 300],
    ['ABORTED', undefined],
    ['INVALID_RESPONSE', 200],
  ])('never retries %s (status %s)', (code, status) => {
    expect(isRetryable({ code, status })).toBe(false);
  });

  it.each([408, 420, 429, 500, 502, 503, 504])('retries an unrecognised error with status %i', (status) => {
    expect(retryDecision({ code: 'HTTP_ERROR', status })).toBe('transient');
    expect(retryDecision({ code: 'SALESFORCE_ERROR', status })).toBe('transient');
  });

  it.each([400, 401, 403, 404, 405, 409, 412, 415])('does not retry an unrecognised client error with status %i', (status) => {
    expect(isRetryable({ code: 'HTTP_ERROR', status })).toBe(false);
    expect(isRetryable({ code: 'SALESFORCE_ERROR', status })).toBe(false);
  });

  it('has a decision for every code in the closed union', () => {
    for (const code of [...CLIENT_ERROR_CODES, ...SALESFORCE_ERROR_CODES]) {
      expect(['transient', 'later', 'never']).toContain(retryDecision({ code, status: 400 }));
    }
  });
});
