import { describe, expect, it } from 'vitest';
import { formatSmokeReport, runSmokeTest } from '../../../salesforce/index.js';
import { API_VERSION, limitHeader, testClient } from './fake-salesforce.js';

const describePath = `/services/data/${API_VERSION}/sobjects/Account/describe`;
const field = { name: 'Id', label: 'Id', type: 'id', length: 18, precision: 0, scale: 0, nillable: false, createable: false, updateable: false, externalId: false, calculated: false, compoundFieldName: null, referenceTo: [], relationshipName: null, picklistValues: [] };
const account = { name: 'Account', label: 'Account', keyPrefix: '001', custom: false, createable: true, updateable: true, deletable: true, queryable: true, retrieveable: true, replicateable: true, fields: [field, { ...field, name: 'Name', type: 'string' }] };

describe('runSmokeTest', () => {
  it('passes with the field count, status and API usage', async () => {
    const { client, fake, clock } = testClient();
    fake.on('GET', describePath, { status: 200, body: account, headers: limitHeader(42, 15000) });
    const report = await runSmokeTest(client, clock);
    expect(report.ok).toBe(true);
    expect(report.steps.map((step) => [step.name, step.ok, step.status, step.detail])).toEqual([
      ['authenticate and check API version', true, 200, 'v62.0 offered'],
      ['describe Account', true, 200, '2 fields'],
    ]);
    const text = formatSmokeReport('test', report);
    expect(text).toContain('API usage: 42/15000 (0.3%)');
    expect(text.split('\n').at(-1)).toMatch(/^PASS in \d+ ms$/);
  });

  it.each([
    [401, 'INVALID_SESSION_ID', 'OAuth scopes'],
    [403, 'INSUFFICIENT_ACCESS', 'IP ranges'],
  ])('fails on %i and says what to check', async (status, errorCode, hint) => {
    const { client, fake, clock } = testClient();
    fake.on('GET', describePath, { status, body: [{ message: 'refused', errorCode }] });
    const report = await runSmokeTest(client, clock);
    expect(report.ok).toBe(false);
    expect(report.steps.at(-1)).toMatchObject({ ok: false, status, hint: expect.stringContaining(hint) });
    expect(formatSmokeReport('test', report)).toContain('FAIL  describe Account');
  });

  it('stops after a failed authentication', async () => {
    const { client, fake, clock } = testClient();
    fake.on('POST', '/services/oauth2/token', { status: 400, body: { error: 'invalid_client_id', error_description: 'client identifier invalid' } });
    const report = await runSmokeTest(client, clock);
    expect(report.steps).toHaveLength(1);
    expect(report.steps[0]).toMatchObject({ ok: false, detail: expect.stringContaining('consumer key') });
  });
});
