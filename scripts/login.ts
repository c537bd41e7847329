/**
 * `npm run login -- --connection NAME [--open]`: the OAuth Web Server flow (with PKCE) for a person.
 * Prints the authorize URL (and opens it with --open), catches the redirect on the loopback port,
 * and stores the refresh token with mode 0600 in the file the connection names. The token is never printed.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { isSalesforceError, resolveConnection, runWebServerLogin } from '../salesforce/index.js';

const { values } = parseArgs({ options: { connection: { type: 'string' }, open: { type: 'boolean', default: false } } });

function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { detached: true, stdio: 'ignore' });
  child.on('error', () => console.log('(could not open a browser; open the URL above yourself)'));
  child.unref();
}

try {
  const config = await resolveConnection(values.connection);
  const result = await runWebServerLogin(config, {
    presentUrl: (url) => {
      console.log(`Open this URL in a browser and log in to Salesforce:\n\n  ${url}\n\nWaiting for the redirect (5 minutes)...`);
      if (values.open) openInBrowser(url);
    },
  });
  console.log(`Logged in to ${result.instanceUrl}${result.scope === undefined ? '' : ` (scopes: ${result.scope})`}.`);
  console.log(`Stored the refresh token in ${result.refreshTokenFile} (mode 0600). Connection ${config.name} can now authenticate.`);
} catch (error) {
  console.error(`sfsync login: FAIL\n  ${isSalesforceError(error) ? `${error.code}: ${error.message}` : String(error)}`);
  process.exitCode = 1;
}
