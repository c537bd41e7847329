import type { FailureType } from './failure-types.js';

/**
 * A failure sfsync raises itself, typed from the closed union. Activities throw it; `applicationFailure` turns it
 * into the `ApplicationFailure` workflows see, with the handling of its row in `FAILURE_RULES`.
 */
export class SyncFailure extends Error {
  override readonly name = 'SyncFailure';
  readonly type: FailureType;
  /** Facts an operator needs besides the message (never a secret, never records). */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(type: FailureType, message: string, details?: Readonly<Record<string, unknown>>) {
    super(message);
    this.type = type;
    this.details = details;
  }
}
