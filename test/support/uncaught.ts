import { afterAll, beforeAll } from 'vitest';

/**
 * What would kill a worker process (an 'error' event nobody listens to, a rejection nobody awaits), collected while
 * the calling describe block runs instead of failing the run, so a test can assert there was none.
 */
export function collectUncaught(): unknown[] {
  const uncaught: unknown[] = [];
  const record = (error: unknown) => uncaught.push(error);
  beforeAll(() => {
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
  });
  afterAll(() => {
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
  });
  return uncaught;
}
