import type { AuthConfig } from '../config/connection-config.js';
import { clientCredentialsFlow } from './client-credentials-flow.js';
import type { CredentialSource } from './credential.js';
import type { FlowDeps } from './flow-deps.js';
import { jwtBearerFlow } from './jwt-bearer-flow.js';
import { passwordFlow } from './password-flow.js';
import { refreshTokenFlow, webServerFlow } from './refresh-token-flow.js';

/** Picks the OAuth flow the connection config names. */
export function createCredentialSource(auth: AuthConfig, deps: FlowDeps): CredentialSource {
  switch (auth.flow) {
    case 'jwt':
      return jwtBearerFlow(auth, deps);
    case 'client_credentials':
      return clientCredentialsFlow(auth, deps);
    case 'refresh_token':
      return refreshTokenFlow(auth, deps);
    case 'web_server':
      return webServerFlow(auth, deps);
    case 'password':
      return passwordFlow(auth, deps);
  }
}
