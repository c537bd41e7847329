import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { writePrivate } from './auth/org-secrets.js';

const KEY_FILE = 'tls-key.pem';
const CERT_FILE = 'tls-cert.pem';
const VALID_DAYS = 825;

export interface TlsMaterial {
  key: string;
  cert: string;
  certificatePath: string;
}

/**
 * A self-signed certificate for localhost, 127.0.0.1 and ::1 (plus `host`), kept in the state dir so clients can
 * trust it once. Generated at run time, never committed.
 */
export async function loadOrCreateTls(stateDir: string, host: string): Promise<TlsMaterial> {
  const keyPath = join(stateDir, KEY_FILE);
  const certificatePath = join(stateDir, CERT_FILE);
  try {
    return { key: await readFile(keyPath, 'utf8'), cert: await readFile(certificatePath, 'utf8'), certificatePath };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const altNames: { type: 2 | 7; value?: string; ip?: string }[] = [
    { type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' },
  ];
  if (/^[\d.]+$/.test(host) && host !== '127.0.0.1' && host !== '0.0.0.0') altNames.push({ type: 7, ip: host });
  else if (!/^[\d.:]+$/.test(host) && host !== 'localhost') altNames.push({ type: 2, value: host });
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + VALID_DAYS * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  await writePrivate(keyPath, pems.private);
  await writeFile(certificatePath, pems.cert);
  return { key: pems.private, cert: pems.cert, certificatePath };
}
