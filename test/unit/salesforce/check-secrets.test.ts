import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectionConfigSchema, findSecretProblems } from '../../../salesforce/index.js';

const connection = (auth: Record<string, unknown>) =>
  connectionConfigSchema.parse({ name: 'prod', loginUrl: 'https://acme.my.salesforce.com', apiVersion: 'v62.0', auth });

describe('findSecretProblems', () => {
  it('names every missing or empty variable and file of a connection, never a value', async () => {
    const config = connection({
      flow: 'password',
      allowDeprecatedPasswordFlow: true,
      clientId: 'c',
      clientSecret: { env: 'SF_SECRET' },
      username: 'u@acme.com',
      password: { env: 'SF_PASSWORD' },
      securityToken: { file: '/nonexistent/security-token' },
    });
    const problems = await findSecretProblems(config, { SF_SECRET: 'present-value', SF_PASSWORD: '  ' });
    expect(problems).toEqual([
      'connection prod: secret environment variable SF_PASSWORD is missing or empty',
      'connection prod: secret file /nonexistent/security-token is missing or empty',
    ]);
    expect(problems.join('\n')).not.toContain('present-value');
  });

  it('finds nothing when every secret resolves, files included', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'sf-secrets-')), 'key.pem');
    await writeFile(file, 'pem text\n', { mode: 0o600 });
    const jwt = connection({ flow: 'jwt', clientId: 'c', username: 'u@acme.com', privateKey: { file } });
    expect(await findSecretProblems(jwt, {})).toEqual([]);
  });
});
