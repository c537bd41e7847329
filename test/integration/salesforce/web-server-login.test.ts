import { createHash } from 'node:crypto';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionConfigSchema, runWebServerLogin } from '../../../salesforce/index.js';
import type { LocalServer } from './local-server.js';
import { freePort, sendJson, startLocalServer } from './local-server.js';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Plays the person's browser: follow the authorize redirect back to the loopback listener. */
async function browse(url: string): Promise<number> {
  const authorize = await request(url);
  await authorize.body.dump();
  const location = authorize.headers.location;
  if (typeof location !== 'string') throw new Error(`authorize answered ${authorize.statusCode} without a redirect`);
  const callback = await request(location);
  await callback.body.dump();
  return callback.statusCode;
}

describe('runWebServerLogin', () => {
  it('runs the authorization code flow with PKCE and stores the refresh token with mode 0600', async () => {
    const challenges = new Map<string, string>();
    let tokenForm: URLSearchParams | undefined;
    server = await startLocalServer((req, body, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/services/oauth2/authorize') {
        challenges.set('code-1', url.searchParams.get('code_challenge') ?? '');
        const back = new URL(url.searchParams.get('redirect_uri') ?? '');
        back.search = new URLSearchParams({ code: 'code-1', state: url.searchParams.get('state') ?? '' }).toString();
        res.writeHead(302, { location: back.toString() }).end();
      } else if (url.pathname === '/services/oauth2/token') {
        tokenForm = new URLSearchParams(body);
        const verifier = tokenForm.get('code_verifier') ?? '';
        const matches = createHash('sha256').update(verifier).digest('base64url') === challenges.get(tokenForm.get('code') ?? '');
        if (!matches) sendJson(res, 400, { error: 'invalid_grant', error_description: 'invalid code verifier' });
        else sendJson(res, 200, { access_token: '00D000000000001!AQ8AQx1', refresh_token: '5Aep861stored', instance_url: 'http://127.0.0.1:1', scope: 'api refresh_token' });
      }
    });
    const dir = await mkdtemp(join(tmpdir(), 'sf-login-'));
    const file = join(dir, 'secrets', 'prod.refresh-token');
    const redirectUri = `http://localhost:${await freePort()}/oauth/callback`;
    const config = connectionConfigSchema.parse({
      name: 'prod',
      loginUrl: server.url,
      apiVersion: 'v62.0',
      auth: { flow: 'web_server', clientId: 'consumer-key', refreshToken: { file }, redirectUri },
    });
    let shown = '';
    let callbackStatus = 0;
    const result = await runWebServerLogin(config, {
      presentUrl: async (url) => {
        shown = url;
        callbackStatus = await browse(url);
      },
    });
    expect(callbackStatus).toBe(200);
    const authorize = new URL(shown);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'consumer-key',
      redirect_uri: redirectUri,
      scope: 'api refresh_token',
      code_challenge_method: 'S256',
    });
    expect(tokenForm?.get('grant_type')).toBe('authorization_code');
    expect(tokenForm?.get('redirect_uri')).toBe(redirectUri);
    expect(result).toEqual({ refreshTokenFile: file, instanceUrl: 'http://127.0.0.1:1', scope: 'api refresh_token' });
    expect(await readFile(file, 'utf8')).toBe('5Aep861stored\n');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('fails with AUTH_FAILED when the person denies access', async () => {
    server = await startLocalServer((req, _body, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.search = new URLSearchParams({ error: 'access_denied', error_description: 'end-user denied authorization', state: url.searchParams.get('state') ?? '' }).toString();
      res.writeHead(302, { location: back.toString() }).end();
    });
    const dir = await mkdtemp(join(tmpdir(), 'sf-login-'));
    const config = connectionConfigSchema.parse({
      name: 'prod',
      loginUrl: server.url,
      apiVersion: 'v62.0',
      auth: { flow: 'web_server', clientId: 'c', refreshToken: { file: join(dir, 'rt') }, redirectUri: `http://localhost:${await freePort()}/cb` },
    });
    await expect(runWebServerLogin(config, { presentUrl: async (url) => void (await browse(url)) })).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      message: expect.stringContaining('access_denied'),
    });
  });

  it('ignores a callback that carries someone else\'s state', async () => {
    const redirectUri = `http://localhost:${await freePort()}/cb`;
    const dir = await mkdtemp(join(tmpdir(), 'sf-login-'));
    const config = connectionConfigSchema.parse({
      name: 'prod',
      loginUrl: 'http://127.0.0.1:9',
      apiVersion: 'v62.0',
      auth: { flow: 'web_server', clientId: 'c', refreshToken: { file: join(dir, 'rt') }, redirectUri },
    });
    let forgedStatus = 0;
    await expect(
      runWebServerLogin(config, {
        timeoutMs: 300,
        presentUrl: async () => {
          const forged = await request(`${redirectUri}?code=stolen&state=forged`);
          await forged.body.dump();
          forgedStatus = forged.statusCode;
        },
      }),
    ).rejects.toMatchObject({ code: 'ABORTED' });
    expect(forgedStatus).toBe(400);
  });
});
