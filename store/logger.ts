import type { Logger } from 'pino';

/** The log methods the store uses; a pino logger fits. */
export type StoreLogger = Pick<Logger, 'debug' | 'info' | 'warn'>;
