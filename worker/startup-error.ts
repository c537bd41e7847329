/** A start-up failure the operator fixes in the environment: its message is the one line printed before the process exits. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}
