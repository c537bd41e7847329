import type { MutateRequest } from '../admin/org-mutations.js';
import type { Random } from '../random.js';

/** How activity splits between creates, updates and deletes: mostly edits, as in a working org. */
const CREATE_SHARE = 0.2;
const DELETE_SHARE = 0.1;
const TICK_MS = 1000;

/**
 * Makes the org change by itself at `ratePerMinute` changes: each tick turns the elapsed time into due changes
 * (carrying fractions over) and applies them as single-record mutations on random objects.
 */
export class OrgActivity {
  private due = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ratePerMinute: number,
    private readonly objects: readonly string[],
    private readonly random: Random,
    private readonly mutate: (request: MutateRequest) => void,
  ) {}

  /** Applies the changes due after `elapsedMs`; returns how many were applied. */
  step(elapsedMs: number): number {
    this.due += (this.ratePerMinute * elapsedMs) / 60_000;
    let applied = 0;
    while (this.due >= 1) {
      this.due -= 1;
      const object = this.random.pick(this.objects);
      const roll = this.random.next();
      const operation = roll < CREATE_SHARE ? 'create' : roll < CREATE_SHARE + DELETE_SHARE ? 'delete' : 'update';
      this.mutate({ object, [operation]: 1 });
      applied++;
    }
    return applied;
  }

  start(): void {
    if (this.timer !== null) return;
    let last = Date.now();
    this.timer = setInterval(() => {
      const now = Date.now();
      this.step(now - last);
      last = now;
    }, TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
