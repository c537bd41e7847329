import { describe, expect, it } from 'vitest';
import { redactText } from '../../../salesforce/index.js';
import { pemBegin, pemEnd } from './pem-markers.js';

describe('redactText', () => {
  it.each([
    ['a bearer header', 'authorization: Bearer 00D5g000004ABCD!AQ8AQJ.abc_DEF-123', 'authorization: Bearer [REDACTED]'],
    ['the legacy OAuth scheme', 'Authorization: OAuth abc123def456', 'Authorization: OAuth [REDACTED]'],
    ['basic credentials', 'Basic Y2xpZW50OnNlY3JldDE=', 'Basic [REDACTED]'],
    ['a bare session id', 'session 00D5g000004ABCD!AQ8AQJ.abc_DEF-123 expired', 'session [REDACTED] expired'],
    ['form parameters', 'grant_type=refresh_token&refresh_token=5Aep861.xyz&client_secret=s3cr3t', 'grant_type=refresh_token&refresh_token=[REDACTED]&client_secret=[REDACTED]'],
    ['an authorization code in a callback URL', '/callback?code=aPrx9Abc%3D%3D&state=xyz', '/callback?code=[REDACTED]&state=xyz'],
    ['a JWT assertion parameter', 'assertion=eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.sig', 'assertion=[REDACTED]'],
    ['JSON members', '{"access_token":"abc\\"def","instance_url":"https://x"}', '{"access_token":"[REDACTED]","instance_url":"https://x"}'],
    ['a password member', '{"password": "hunter2"}', '{"password": "[REDACTED]"}'],
  ])('removes %s', (_name, input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('removes PEM private keys whole', () => {
    const pem = `${pemBegin('PRIVATE KEY')}\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n${pemEnd('PRIVATE KEY')}`;
    expect(redactText(`key: ${pem} end`)).toBe('key: [REDACTED PRIVATE KEY] end');
    expect(redactText(`${pemBegin('RSA PRIVATE KEY')}\nMIIEtruncated`)).toBe('[REDACTED PRIVATE KEY]');
  });

  it('leaves ordinary text, SOQL and error codes alone', () => {
    const text = "GET /services/data/v62.0/query?q=SELECT+Id+FROM+Account: 400 MALFORMED_QUERY: check the OAuth flow and Bearer token scopes";
    expect(redactText(text)).toBe(text);
    expect(redactText('{"code":"AUTH_FAILED"}')).toBe('{"code":"AUTH_FAILED"}');
  });
});
