import type { ConnectionConfig } from '../../../salesforce/index.js';
import { connectionConfigSchema } from '../../../salesforce/index.js';

export interface EmulatorCredentials {
  loginUrl: string;
  instanceUrl: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  privateKeyPath: string;
  certificatePath: string;
  refreshToken: string;
  apiVersion: string;
}

/** Secrets go through the environment, as in production; the configs only name the variables. */
export function emulatorEnv(credentials: EmulatorCredentials): NodeJS.ProcessEnv {
  return {
    EMU_CLIENT_SECRET: credentials.clientSecret,
    EMU_PASSWORD: credentials.password,
    EMU_REFRESH_TOKEN: credentials.refreshToken,
  };
}

const version = (apiVersion: string) => (apiVersion.startsWith('v') ? apiVersion : `v${apiVersion}`);

export function emulatorConfig(
  credentials: EmulatorCredentials,
  flow: 'jwt' | 'client_credentials' | 'refresh_token' | 'password',
  overrides: Record<string, unknown> = {},
): ConnectionConfig {
  const auth = {
    jwt: { flow, clientId: credentials.clientId, username: credentials.username, privateKey: { file: credentials.privateKeyPath } },
    client_credentials: { flow, clientId: credentials.clientId, clientSecret: { env: 'EMU_CLIENT_SECRET' } },
    refresh_token: { flow, clientId: credentials.clientId, clientSecret: { env: 'EMU_CLIENT_SECRET' }, refreshToken: { env: 'EMU_REFRESH_TOKEN' } },
    password: {
      flow,
      allowDeprecatedPasswordFlow: true,
      clientId: credentials.clientId,
      clientSecret: { env: 'EMU_CLIENT_SECRET' },
      username: credentials.username,
      password: { env: 'EMU_PASSWORD' },
    },
  }[flow];
  return connectionConfigSchema.parse({
    name: `emulator-${flow}`,
    loginUrl: credentials.loginUrl,
    apiVersion: version(credentials.apiVersion),
    auth,
    transportRetry: { baseDelayMs: 1, maxDelayMs: 20 },
    ...overrides,
  });
}
