import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes a secret readable only by the owner (0600), atomically: a reader sees the old value or the
 * new one, never a partial file. The directory is created 0700 when missing.
 */
export async function writeSecretFile(path: string, value: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, `${value}\n`, { mode: 0o600, flag: 'wx' });
  // The mode passed to writeFile is filtered by the umask; make sure it is exactly 0600.
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}
