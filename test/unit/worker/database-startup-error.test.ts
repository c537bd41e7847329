import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../store/index.js';
import { databaseStartupError } from '../../../worker/database-startup-error.js';

const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:6543'), { code: 'ECONNREFUSED' });

describe('databaseStartupError', () => {
  it('names DATABASE_URL and the server, never the password', () => {
    const error = databaseStartupError(refused, { databaseUrl: 'postgres://sync:s3cret%21pw@10.0.0.7:6543/warehouse', databaseUrlEnv: 'DATABASE_URL', pgliteDir: '.data/pglite' });
    expect(error.message).toBe('cannot open the PostgreSQL database at 10.0.0.7:6543, the URL in DATABASE_URL: connect ECONNREFUSED 10.0.0.7:6543');
  });

  it('names the configured variable and its config key, and the default port', () => {
    const unavailable = new StoreError('DATABASE_UNAVAILABLE', 'PostgreSQL is unavailable: the database system is starting up (57P03)');
    const error = databaseStartupError(unavailable, { databaseUrl: 'postgres://sync@db.internal/warehouse', databaseUrlEnv: 'WAREHOUSE_URL', pgliteDir: '.data/pglite' });
    expect(error.message).toBe(
      'cannot open the PostgreSQL database at db.internal:5432, the URL in WAREHOUSE_URL (destination.databaseUrlEnv): PostgreSQL is unavailable: the database system is starting up (57P03)');
  });

  it('adds the SQLSTATE to a message that lacks it', () => {
    const denied = Object.assign(new Error('password authentication failed for user "sync"'), { code: '28P01' });
    const error = databaseStartupError(denied, { databaseUrl: 'postgres://sync:pw@h:1/d', databaseUrlEnv: 'DATABASE_URL', pgliteDir: 'x' });
    expect(error.message).toMatch(/at h:1, the URL in DATABASE_URL: password authentication failed for user "sync" \(28P01\)$/);
  });

  it('redacts the password and the URL should a driver message quote them', () => {
    const url = 'postgres://sync:hunter2@h:1/d';
    const error = databaseStartupError(new Error(`bad url ${url} with hunter2`), { databaseUrl: url, databaseUrlEnv: 'DATABASE_URL', pgliteDir: 'x' });
    expect(error.message).not.toContain('hunter2');
    expect(error.message).toContain('bad url *** with ***');
  });

  it('says so when the URL does not parse, without repeating it', () => {
    const error = databaseStartupError(new TypeError('Invalid URL'), { databaseUrl: 'not a url:secret', databaseUrlEnv: 'DATABASE_URL', pgliteDir: 'x' });
    expect(error.message).toBe('cannot open the PostgreSQL database at (a URL that does not parse), the URL in DATABASE_URL: Invalid URL');
  });

  it('names the PGlite directory when no URL is set', () => {
    const error = databaseStartupError(new Error('directory locked'), { databaseUrl: undefined, databaseUrlEnv: 'DATABASE_URL', pgliteDir: '.data/pglite' });
    expect(error.message).toBe('cannot open the embedded PGlite database in .data/pglite: directory locked');
  });
});
