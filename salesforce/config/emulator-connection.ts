import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { ConnectionConfig } from './connection-config.js';
import { connectionConfigSchema } from './connection-config.js';

/** Written by `npm run emulator -- --state-dir .data/emulator`. */
export const EMULATOR_CREDENTIALS_PATH = '.data/emulator/credentials.json';
export const EMULATOR_CONNECTION_NAME = 'emulator';

const credentialsSchema = z.looseObject({
  loginUrl: z.url(),
  instanceUrl: z.url().optional(),
  clientId: z.string().min(1),
  username: z.string().min(1),
  privateKeyPath: z.string().min(1),
  apiVersion: z.string().min(1),
});

/**
 * The local emulator as a JWT-bearer connection: client id and username from its credentials file,
 * the private key by path. Nothing secret is copied into the config.
 */
export async function emulatorConnection(path = EMULATOR_CREDENTIALS_PATH): Promise<ConnectionConfig | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const credentials = credentialsSchema.parse(JSON.parse(text));
  return connectionConfigSchema.parse({
    name: EMULATOR_CONNECTION_NAME,
    loginUrl: credentials.loginUrl,
    apiVersion: credentials.apiVersion.startsWith('v') ? credentials.apiVersion : `v${credentials.apiVersion}`,
    auth: {
      flow: 'jwt',
      clientId: credentials.clientId,
      username: credentials.username,
      privateKey: { file: credentials.privateKeyPath },
    },
  });
}
