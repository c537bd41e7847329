import { createHmac, randomBytes } from 'node:crypto';

/**
 * Keyed with a random per-process value, so a digest that leaks (a heap dump, a debug line) cannot be
 * tested offline against guessed secrets.
 */
const processKey = randomBytes(32);

/**
 * The token cache key: the connection name plus an HMAC-SHA256 of the resolved credential material.
 * A token is shared only by clients of the same connection holding the same credential; another
 * connection, a wrong secret or a rotated one gets a key of its own. The key holds no secret.
 */
export function credentialKey(connection: string, material: Readonly<Record<string, string | undefined>>): string {
  const entries = Object.entries(material)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const digest = createHmac('sha256', processKey).update(JSON.stringify(entries)).digest('base64url');
  return `${connection}:${digest}`;
}
