import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorCredentialsSchema } from '../../../emulator/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function run(args: string[]): { child: ReturnType<typeof spawn>; output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

describe('npm run emulator (emulator/main.ts)', () => {
  let stateDir: string;

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'emulator-cli-'));
  });
  afterAll(() => rm(stateDir, { recursive: true, force: true }));

  it('prints its URL, writes credentials.json with mode 0600, serves, and stops cleanly on SIGINT', async () => {
    const emulator = run(['--port', '0', '--seed', 'Account=5', '--state-dir', stateDir, '--daily-limit', '99']);
    const url = await new Promise<string>((resolve, reject) => {
      emulator.child.stdout?.on('data', () => {
        const match = /emulator listening on (http:\/\/\S+)/.exec(emulator.output());
        if (match !== null) resolve(match[1] as string);
      });
      void emulator.exit.then(() => reject(new Error(`exited early:\n${emulator.output()}`)));
    });
    const credentialsPath = join(stateDir, 'credentials.json');
    const credentials = emulatorCredentialsSchema.parse(JSON.parse(await readFile(credentialsPath, 'utf8')));
    expect(credentials.instanceUrl).toBe(url);
    expect((await stat(credentialsPath)).mode & 0o777).toBe(0o600);
    const token = await fetch(`${url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret }).toString(),
    });
    const { access_token: accessToken } = (await token.json()) as { access_token: string };
    const limits = await fetch(`${url}/services/data/v62.0/limits`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(limits.headers.get('sforce-limit-info')).toBe('api-usage=1/99');
    emulator.child.kill('SIGINT');
    expect(await emulator.exit).toBe(0);
  });

  it('rejects invalid arguments with a readable message and exit code 2', async () => {
    const emulator = run(['--port', 'eighty']);
    expect(await emulator.exit).toBe(2);
    expect(emulator.output()).toContain('invalid arguments');
    expect(emulator.output()).toContain('usage: npm run emulator');
  });
});
