import { describe, expect, it } from 'vitest';
import { checkBulkQuery, UNSUPPORTED_QUERY } from '../../../emulator/bulk/query-check.js';
import { decodeLocator, encodeLocator } from '../../../emulator/bulk/result-locator.js';
import { RestError } from '../../../emulator/http/rest-error.js';
import { OrgSchema } from '../../../emulator/schema/org-schema.js';
import { SoqlError } from '../../../emulator/soql/soql-error.js';

const schema = new OrgSchema();
const NOW = Date.UTC(2024, 5, 1);

function refusal(soql: string): { errorCode: string; message: string } {
  try {
    checkBulkQuery(schema, soql, NOW);
  } catch (error) {
    if (error instanceof RestError || error instanceof SoqlError) return { errorCode: error.errorCode, message: error.message };
    throw error;
  }
  throw new Error(`expected Bulk to refuse: ${soql}`);
}

describe('queries Bulk API 2.0 accepts', () => {
  it('refuses compound address and location fields, even through a parent', () => {
    for (const soql of ['SELECT Id, BillingAddress FROM Account', 'SELECT Id, Account.ShippingAddress FROM Contact', 'SELECT Delivery_Location__c FROM Invoice__c']) {
      expect(refusal(soql)).toEqual({ errorCode: 'API_ERROR', message: UNSUPPORTED_QUERY.compound });
    }
  });

  it('accepts the parts of compound fields', () => {
    expect(checkBulkQuery(schema, 'SELECT BillingCity, BillingLatitude FROM Account', NOW).columns).toHaveLength(2);
    expect(checkBulkQuery(schema, 'SELECT Delivery_Location__Latitude__s FROM Invoice__c', NOW).columns).toHaveLength(1);
  });

  it('refuses aggregates, GROUP BY, subqueries, OFFSET and TYPEOF with Salesforce\'s messages', () => {
    expect(refusal('SELECT COUNT() FROM Account')).toEqual({ errorCode: 'API_ERROR', message: UNSUPPORTED_QUERY.aggregate });
    expect(refusal('SELECT COUNT(Id) n FROM Account')).toEqual({ errorCode: 'API_ERROR', message: UNSUPPORTED_QUERY.aggregate });
    expect(refusal('SELECT Industry, MAX(NumberOfEmployees) FROM Account GROUP BY Industry').message).toBe(UNSUPPORTED_QUERY.aggregate);
    expect(refusal('SELECT Id, (SELECT Id FROM Contacts) FROM Account')).toEqual({ errorCode: 'API_ERROR', message: UNSUPPORTED_QUERY.subquery });
    expect(refusal('SELECT Id FROM Account ORDER BY Id OFFSET 10')).toEqual({ errorCode: 'API_ERROR', message: UNSUPPORTED_QUERY.offset });
    expect(refusal('SELECT TYPEOF Owner WHEN User THEN Alias END FROM Account').message).toBe(UNSUPPORTED_QUERY.typeOf);
  });

  it('accepts LIMIT, ORDER BY, parent fields and filters, and names the object and columns in SELECT order', () => {
    const plan = checkBulkQuery(schema, "SELECT Name, Account.Name, Id FROM contact WHERE LastName LIKE 'S%' ORDER BY LastName DESC LIMIT 5", NOW);
    expect(plan.objectName).toBe('Contact');
    expect(plan.columns.map((column) => column.name)).toEqual(['Name', 'Account.Name', 'Id']);
  });

  it('answers ordinary SOQL errors as the REST API does', () => {
    expect(refusal('SELECT Foo FROM Account').errorCode).toBe('INVALID_FIELD');
    expect(refusal('SELECT Id FROM Widget').errorCode).toBe('INVALID_TYPE');
    expect(refusal('SELECT FROM Account').errorCode).toBe('MALFORMED_QUERY');
  });
});

describe('result locators', () => {
  it('are the row offset in unpadded base64 from v49.0, as Salesforce writes them', () => {
    expect(encodeLocator(10_000, 62)).toBe('MTAwMDA');
    expect(decodeLocator('MTAwMDA', 62)).toBe(10_000);
  });

  it('are the plain offset up to v48.0', () => {
    expect(encodeLocator(2000, 48)).toBe('2000');
    expect(decodeLocator('2000', 48)).toBe(2000);
  });

  it('reject anything that is not an offset', () => {
    expect(decodeLocator('not a locator!', 62)).toBeNull();
    expect(decodeLocator(Buffer.from('12x').toString('base64'), 62)).toBeNull();
    expect(decodeLocator('-5', 48)).toBeNull();
  });
});
