import { describe, expect, it } from 'vitest';
import { isQueryJobRefusal, toSalesforceError } from '../../../../salesforce/index.js';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const answer = (status: number, errorCode: string, message: string) =>
  toSalesforceError({ response: { status, headers: {}, body: json([{ errorCode, message }]) } });

describe('isQueryJobRefusal', () => {
  it.each([
    ['a compound field', 'API_ERROR', 'Selecting compound data not supported in Bulk Query'],
    ['an object Bulk cannot query', 'INVALIDENTITY', "Entity 'AccountFeed' is not supported by the Bulk API."],
    ['the daily query jobs spent', 'LIMIT_EXCEEDED', 'Max bulk v2 query jobs (10000) per 24 hrs has been reached'],
    ['a spent 24 h quota', 'ExceededQuota', 'the job exceeds the allowed number for the past 24-hour period'],
    ['an org without Bulk API 2.0', 'FEATURENOTENABLED', 'Bulk API 2.0 is not enabled for this organization'],
  ])('is true for %s (400 %s)', (_name, errorCode, message) => {
    expect(isQueryJobRefusal(answer(400, errorCode, message))).toBe(true);
  });

  it.each([
    ['a query naming a missing field', 400, 'INVALID_FIELD', "No such column 'Nope__c' on entity 'Account'"],
    ['a malformed query', 400, 'MALFORMED_QUERY', 'unexpected token: FORM'],
    ['the API budget spent', 403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'],
    ['an API_ERROR that is not a 400', 409, 'API_ERROR', 'a job created with another API version'],
    // The wording alone decides nothing: this is the prose the old check matched.
    ['a refusal in words only', 400, 'INVALID_TYPE', "sObject type 'Foo__c' is not supported"],
  ])('is false for %s (%i %s)', (_name, status, errorCode, message) => {
    expect(isQueryJobRefusal(answer(status, errorCode, message))).toBe(false);
  });

  it('is false for a failure without an errorCode', () => {
    expect(isQueryJobRefusal(toSalesforceError({ response: { status: 400, headers: {}, body: 'Bad Request' } }))).toBe(false);
  });
});
