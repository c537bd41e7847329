import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CREDENTIALS_FILE } from './credentials.js';
import { startEmulator } from './start-emulator.js';

const USAGE = `usage: npm run emulator -- [--port 8400] [--host 127.0.0.1] [--seed demo|empty|Account=1000,...]
                            [--state-dir .data/emulator] [--tls] [--activity <changes per minute>]
                            [--daily-limit <requests>] [--token-ttl <seconds>]`;

const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(8400),
  host: z.string().default('127.0.0.1'),
  seed: z.string().default('demo'),
  'state-dir': z.string().default('.data/emulator'),
  tls: z.boolean().default(false),
  activity: z.coerce.number().positive().optional(),
  'daily-limit': z.coerce.number().int().nonnegative().optional(),
  'token-ttl': z.coerce.number().positive().optional(),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' }, host: { type: 'string' }, seed: { type: 'string' }, 'state-dir': { type: 'string' },
      tls: { type: 'boolean' }, activity: { type: 'string' }, 'daily-limit': { type: 'string' }, 'token-ttl': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  const args = argsSchema.parse(values);
  const emulator = await startEmulator({
    port: args.port,
    host: args.host,
    seed: args.seed,
    stateDir: args['state-dir'],
    tls: args.tls,
    ...(args.activity === undefined ? {} : { activity: { ratePerMinute: args.activity } }),
    ...(args['daily-limit'] === undefined ? {} : { limits: { dailyApiRequests: args['daily-limit'] } }),
    ...(args['token-ttl'] === undefined ? {} : { tokenTtlSeconds: args['token-ttl'] }),
  });
  console.log(`emulator listening on ${emulator.url}`);
  console.log(`credentials written to ${join(args['state-dir'], CREDENTIALS_FILE)}`);
  const stop = (): void => {
    emulator.close().then(() => process.exit(0), (error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof z.ZodError) {
    console.error(`invalid arguments:\n${z.prettifyError(error)}\n\n${USAGE}`);
  } else {
    console.error(error instanceof Error ? error.message : error);
    if (error instanceof TypeError && 'code' in error) console.error(USAGE);
  }
  process.exit(2);
});
