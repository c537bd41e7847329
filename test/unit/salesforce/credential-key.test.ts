import { describe, expect, it } from 'vitest';
import { credentialKey } from '../../../salesforce/auth/credential-key.js';

const material = { flow: 'client_credentials', loginUrl: 'https://acme.my.salesforce.com', clientId: '3MVG9key', clientSecret: 'S3cr3t-Value-1234' };

describe('credentialKey', () => {
  it('is the same for the same connection and credential, whatever the order of the material', () => {
    const reordered = { clientSecret: material.clientSecret, clientId: material.clientId, loginUrl: material.loginUrl, flow: material.flow };
    expect(credentialKey('prod', material)).toBe(credentialKey('prod', reordered));
  });

  it('differs for another secret, another private key, another user or another connection', () => {
    const key = credentialKey('prod', material);
    expect(credentialKey('prod', { ...material, clientSecret: 'S3cr3t-Value-1235' })).not.toBe(key);
    expect(credentialKey('prod', { ...material, clientSecret: undefined })).not.toBe(key);
    expect(credentialKey('sandbox', material)).not.toBe(key);
    const jwt = { flow: 'jwt', loginUrl: material.loginUrl, clientId: material.clientId, username: 'a@acme.com', privateKey: 'PEM-ONE' };
    expect(credentialKey('prod', { ...jwt, privateKey: 'PEM-TWO' })).not.toBe(credentialKey('prod', jwt));
    expect(credentialKey('prod', { ...jwt, username: 'b@acme.com' })).not.toBe(credentialKey('prod', jwt));
  });

  it('holds the connection name and a digest, never a secret or a part of one', () => {
    const key = credentialKey('prod', material);
    expect(key).toMatch(/^prod:[A-Za-z0-9_-]{43}$/);
    for (let start = 0; start + 6 <= material.clientSecret.length; start += 1) {
      expect(key).not.toContain(material.clientSecret.slice(start, start + 6));
    }
  });
});
