import { randomBytes, randomInt } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { z } from 'zod';
import { formatId } from '../ids/salesforce-id.js';

const SECRETS_FILE = 'org-secrets.json';
const PRIVATE_KEY_FILE = 'jwt-private-key.pem';
const CERTIFICATE_FILE = 'jwt-certificate.pem';
/** Certificates in the JWT flow stay valid for years; ten avoids surprises in long-lived state dirs. */
const CERTIFICATE_DAYS = 3650;

const storedSecretsSchema = z.object({
  orgId: z.string(),
  clientId: z.string(),
  clientSecret: z.string(),
  username: z.string(),
  password: z.string(),
  refreshToken: z.string(),
});

export type StoredSecrets = z.infer<typeof storedSecretsSchema>;

export interface OrgSecrets extends StoredSecrets {
  privateKeyPath: string;
  certificatePath: string;
  /** The connected app's certificate: JWT bearer assertions are verified against it. */
  certificatePem: string;
}

/**
 * The org's identity and the connected app's secrets, created on first start and kept in the state dir.
 * The RSA key pair for the JWT bearer flow is generated here, at run time; none is ever committed.
 */
export async function loadOrCreateSecrets(stateDir: string): Promise<OrgSecrets> {
  const privateKeyPath = join(stateDir, PRIVATE_KEY_FILE);
  const certificatePath = join(stateDir, CERTIFICATE_FILE);
  const secretsPath = join(stateDir, SECRETS_FILE);
  const existing = await readJson(secretsPath);
  if (existing !== null) {
    const stored = storedSecretsSchema.parse(existing);
    return { ...stored, privateKeyPath, certificatePath, certificatePem: await readFile(certificatePath, 'utf8') };
  }
  const pems = await generate([{ name: 'commonName', value: 'sfsync emulator connected app' }], {
    keySize: 2048, algorithm: 'sha256', notAfterDate: new Date(Date.now() + CERTIFICATE_DAYS * 86_400_000),
  });
  await writePrivate(privateKeyPath, pems.private);
  await writeFile(certificatePath, pems.cert);
  const stored: StoredSecrets = {
    orgId: formatId('00D', randomInt(1, 2 ** 40)),
    // Consumer keys start with 3MVG9; secrets are 64 hex digits; refresh tokens start with 5Aep8.
    clientId: `3MVG9${token(60)}`,
    clientSecret: randomBytes(32).toString('hex').toUpperCase(),
    username: 'integration@sfsync-emulator.example',
    password: token(16),
    refreshToken: `5Aep861${token(60)}`,
  };
  await writePrivate(secretsPath, `${JSON.stringify(stored, null, 2)}\n`);
  return { ...stored, privateKeyPath, certificatePath, certificatePem: pems.cert };
}

/** Writes a file only its owner can read (mode 0600), also when it already existed. */
export async function writePrivate(path: string, content: string): Promise<void> {
  await writeFile(path, content, { mode: 0o600 });
  await chmod(path, 0o600);
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function token(length: number): string {
  return randomBytes(length).toString('base64').replace(/[+/=]/g, '').slice(0, length).padEnd(length, 'x');
}
