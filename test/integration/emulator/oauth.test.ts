import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { SignJWT, importPKCS8 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock, startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { RestClient, oauthToken, request } from './rest-client.js';

const TOKEN = /^00D[0-9A-Za-z]{12}![A-Za-z0-9._]+$/;

describe('OAuth 2.0 endpoints', () => {
  let emulator: RunningEmulator;
  const clock = createManualClock(Date.UTC(2024, 5, 1));

  beforeAll(async () => {
    emulator = await startEmulator({ clock, tokenTtlSeconds: 60 });
  });
  afterAll(() => emulator.close());

  const credentials = () => emulator.credentials;
  const jwt = async (claims: Record<string, unknown>, key?: Parameters<SignJWT['sign']>[0]): Promise<string> => {
    const signingKey = key ?? (await importPKCS8(await readFile(credentials().privateKeyPath, 'utf8'), 'RS256'));
    const now = Math.floor(clock.now() / 1000);
    return new SignJWT({ iss: credentials().clientId, sub: credentials().username, aud: 'https://login.salesforce.com', exp: now + 180, ...claims })
      .setProtectedHeader({ alg: 'RS256' })
      .sign(signingKey);
  };

  it('answers the password grant like Salesforce: ms-string issued_at, signature, no expires_in', async () => {
    const response = await oauthToken(emulator.url, {
      grant_type: 'password', client_id: credentials().clientId, client_secret: credentials().clientSecret,
      username: credentials().username, password: credentials().password,
    });
    expect(response.status).toBe(200);
    expect(Object.keys(response.json)).toEqual(['access_token', 'signature', 'instance_url', 'id', 'token_type', 'issued_at']);
    expect(response.json).toMatchObject({ instance_url: emulator.url, token_type: 'Bearer', issued_at: String(clock.now()) });
    expect(response.json.access_token).toMatch(TOKEN);
    expect(response.json.id).toMatch(new RegExp(`^${emulator.url}/id/00D[0-9A-Za-z]{15}/005[0-9A-Za-z]{15}$`));
    const signature = createHmac('sha256', credentials().clientSecret).update(response.json.id + response.json.issued_at).digest('base64');
    expect(response.json.signature).toBe(signature);
  });

  it('answers client credentials with scope and no refresh token, also with HTTP Basic client auth', async () => {
    const basic = Buffer.from(`${credentials().clientId}:${credentials().clientSecret}`).toString('base64');
    const response = await oauthToken(emulator.url, { grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ scope: 'api refresh_token', token_type: 'Bearer' });
    expect(response.json.refresh_token).toBeUndefined();
  });

  it('refreshes with the refresh token from credentials.json', async () => {
    const response = await oauthToken(emulator.url, {
      grant_type: 'refresh_token', refresh_token: credentials().refreshToken, client_id: credentials().clientId, client_secret: credentials().clientSecret,
    });
    expect(response.status).toBe(200);
    expect(response.json.access_token).toMatch(TOKEN);
    expect(response.json.refresh_token).toBeUndefined();
  });

  it('accepts a JWT bearer assertion signed with the private key, answering without signature or issued_at', async () => {
    const response = await oauthToken(emulator.url, { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: await jwt({}) });
    expect(response.status).toBe(200);
    expect(Object.keys(response.json)).toEqual(['access_token', 'scope', 'instance_url', 'id', 'token_type']);
  });

  it.each([
    ['a wrong audience', { aud: 'https://example.com' }, 'invalid_grant', 'audience is invalid'],
    ['an expired exp', { exp: Math.floor(Date.UTC(2024, 5, 1) / 1000) - 1 }, 'invalid_grant', 'invalid assertion'],
    ['an exp too far ahead', { exp: Math.floor(Date.UTC(2024, 5, 1) / 1000) + 3600 }, 'invalid_grant', 'invalid assertion'],
    ['an unknown consumer key', { iss: '3MVG9unknown' }, 'invalid_client_id', 'client identifier invalid'],
    ['an unknown user', { sub: 'nobody@example.com' }, 'invalid_grant', "user hasn't approved this consumer"],
  ])('refuses a JWT with %s', async (_case, claims, error, description) => {
    const response = await oauthToken(emulator.url, { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: await jwt(claims) });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error, error_description: description });
  });

  it('refuses a JWT signed with another key', async () => {
    const { privateKey } = await import('node:crypto').then((crypto) => crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }));
    const other = await importPKCS8(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'RS256');
    const response = await oauthToken(emulator.url, { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: await jwt({}, other) });
    expect(response.json).toEqual({ error: 'invalid_grant', error_description: 'invalid assertion' });
  });

  it.each([
    ['a wrong password', { grant_type: 'password', username: 'integration@sfsync-emulator.example', password: 'nope' }, 'invalid_grant', 'authentication failure'],
    ['a wrong client secret', { grant_type: 'client_credentials', client_secret: 'nope' }, 'invalid_client', 'invalid client credentials'],
    ['an unknown client', { grant_type: 'client_credentials', client_id: 'nope' }, 'invalid_client_id', 'client identifier invalid'],
    ['a revoked refresh token', { grant_type: 'refresh_token', refresh_token: '5Aep861unknown' }, 'invalid_grant', 'expired access/refresh token'],
    ['an unknown grant', { grant_type: 'device_code' }, 'unsupported_grant_type', 'grant type not supported'],
  ])('answers %s with a 400 OAuth error object', async (_case, params, error, description) => {
    const response = await oauthToken(emulator.url, { client_id: credentials().clientId, client_secret: credentials().clientSecret, ...params });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error, error_description: description });
  });

  it('reads a JSON token request as no grant at all', async () => {
    const response = await request(`${emulator.url}/services/oauth2/token`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(response.json).toEqual({ error: 'unsupported_grant_type', error_description: 'grant type not supported' });
  });

  it('runs the web-server flow with PKCE S256, issuing a refresh token and single-use codes', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirectUri = 'http://localhost:1717/OauthRedirect';
    const authorize = await request(`${emulator.url}/services/oauth2/authorize?${new URLSearchParams({
      response_type: 'code', client_id: credentials().clientId, redirect_uri: redirectUri, state: 'xyz',
      code_challenge: challenge, code_challenge_method: 'S256', scope: 'api refresh_token',
    }).toString()}`, {});
    expect(authorize.status).toBe(302);
    const location = new URL(authorize.headers.get('location') ?? '');
    expect(location.searchParams.get('state')).toBe('xyz');
    const code = location.searchParams.get('code') ?? '';
    const exchange = (codeVerifier: string) => oauthToken(emulator.url, {
      grant_type: 'authorization_code', code, client_id: credentials().clientId, client_secret: credentials().clientSecret,
      redirect_uri: redirectUri, code_verifier: codeVerifier,
    });
    const token = await exchange(verifier);
    expect(token.status).toBe(200);
    expect(token.json.refresh_token).toMatch(/^5Aep861/);
    expect((await exchange(verifier)).json).toEqual({ error: 'invalid_grant', error_description: 'invalid authorization code' });
  });

  it('refuses a PKCE verifier that does not match the challenge', async () => {
    const redirectUri = 'http://127.0.0.1:9999/cb';
    const authorize = await request(`${emulator.url}/services/oauth2/authorize?${new URLSearchParams({
      response_type: 'code', client_id: credentials().clientId, redirect_uri: redirectUri, code_challenge: 'abc',
    }).toString()}`, {});
    const code = new URL(authorize.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const token = await oauthToken(emulator.url, {
      grant_type: 'authorization_code', code, client_id: credentials().clientId, client_secret: credentials().clientSecret,
      redirect_uri: redirectUri, code_verifier: 'wrong',
    });
    expect(token.json).toEqual({ error: 'invalid_grant', error_description: 'invalid code verifier' });
  });

  it('expires an idle token after tokenTtlSeconds, showing only as 401 INVALID_SESSION_ID', async () => {
    const client = await RestClient.login(credentials());
    expect((await client.get('/limits')).status).toBe(200);
    clock.advance(61_000);
    const expired = await client.get('/limits');
    expect(expired.status).toBe(401);
    expect(expired.json).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    expect(expired.headers.get('sforce-limit-info')).toBeNull();
  });

  it('ends every session on expireTokens while refresh tokens keep working', async () => {
    const client = await RestClient.login(credentials());
    await emulator.admin.expireTokens();
    expect((await client.get('/limits')).status).toBe(401);
    const refreshed = await oauthToken(emulator.url, {
      grant_type: 'refresh_token', refresh_token: credentials().refreshToken, client_id: credentials().clientId, client_secret: credentials().clientSecret,
    });
    expect(refreshed.status).toBe(200);
  });

  it('revokes a token with 200 and an empty body', async () => {
    const client = await RestClient.login(credentials());
    const revoke = await request(`${emulator.url}/services/oauth2/revoke`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${encodeURIComponent(client.token)}`,
    });
    expect([revoke.status, revoke.text]).toEqual([200, '']);
    expect((await client.get('/limits')).status).toBe(401);
  });

  it('serves userinfo and the identity URL (which also takes oauth_token)', async () => {
    const client = await RestClient.login(credentials());
    const userinfo = await client.get('/services/oauth2/userinfo');
    expect(userinfo.json).toMatchObject({ preferred_username: credentials().username, urls: { rest: `${emulator.url}/services/data/v{version}/` } });
    const identityUrl = userinfo.json.sub as string;
    const identity = await request(`${identityUrl}?format=json&oauth_token=${encodeURIComponent(client.token)}`, {});
    expect(identity.json).toMatchObject({ id: identityUrl, username: credentials().username, organization_id: expect.stringMatching(/^00D/) });
    expect((await request(identityUrl, {})).status).toBe(403);
  });
});
