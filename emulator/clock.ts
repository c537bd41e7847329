/** The emulator's notion of "now", in epoch milliseconds. Tests inject one to control time. */
export interface EmulatorClock {
  now(): number;
}

/** A clock the admin API can move forward (token expiry, the rolling API window, the recycle bin). */
export interface AdjustableClock extends EmulatorClock {
  advance(ms: number): void;
  /** How far this clock runs ahead of the time it started from, in ms. */
  offset(): number;
}

export function isAdjustableClock(clock: EmulatorClock): clock is AdjustableClock {
  return typeof (clock as Partial<AdjustableClock>).advance === 'function'
    && typeof (clock as Partial<AdjustableClock>).offset === 'function';
}

/** Real time plus an offset that only grows: the default clock. */
export function createSystemClock(initialOffsetMs = 0): AdjustableClock {
  let offsetMs = initialOffsetMs;
  return {
    now: () => Date.now() + offsetMs,
    advance: (ms) => {
      assertForward(ms);
      offsetMs += ms;
    },
    offset: () => offsetMs,
  };
}

/** A frozen clock that moves only when advanced: deterministic tests. */
export function createManualClock(startMs: number): AdjustableClock {
  let nowMs = startMs;
  return {
    now: () => nowMs,
    advance: (ms) => {
      assertForward(ms);
      nowMs += ms;
    },
    offset: () => nowMs - startMs,
  };
}

function assertForward(ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`the clock only moves forward (got ${ms} ms)`);
}
