/**
 * `npm run smoke -- --connection NAME`: authenticate, describe Account, print a pass/fail report.
 * Without a config file it uses the local emulator started with `npm run emulator -- --state-dir .data/emulator`.
 */
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createSalesforceClient, formatSmokeReport, isSalesforceError, resolveConnection, runSmokeTest } from '../salesforce/index.js';

const { values } = parseArgs({ options: { connection: { type: 'string' }, verbose: { type: 'boolean', default: false } } });

try {
  const config = await resolveConnection(values.connection);
  const logger = pino({ level: values.verbose ? 'info' : 'silent' }, pino.destination(2));
  const client = createSalesforceClient(config, { logger });
  try {
    const report = await runSmokeTest(client);
    console.log(formatSmokeReport(`${config.name} (${config.auth.flow}, ${config.apiVersion}, ${config.loginUrl})`, report));
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    await client.close();
  }
} catch (error) {
  console.error(`sfsync smoke test: FAIL\n  ${isSalesforceError(error) ? `${error.code}: ${error.message}` : String(error)}`);
  process.exitCode = 1;
}
