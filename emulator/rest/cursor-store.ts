import type { EmulatorClock } from '../clock.js';
import { formatId } from '../ids/salesforce-id.js';
import type { RecordCursor } from '../soql/record-cursor.js';
import type { RowWriter } from '../soql/projection.js';

/** Query locators use the `01g` key prefix (docs/salesforce-api.md §3.6). */
const LOCATOR_PREFIX = '01g';

export interface CursorSettings {
  /** How long an idle cursor lives: 2 days today, 15 minutes in older releases [FLAG docs/salesforce-api.md §4.2]. */
  ttlMs: number;
  /** Older releases kept 10 open cursors per user and dropped the oldest; null means no cap. */
  maxOpen: number | null;
  /** Whether a locator only works with the session that opened it [FLAG docs/salesforce-api.md §4.2]. */
  boundToSession: boolean;
}

export interface OpenCursor {
  id: string;
  cursor: RecordCursor;
  writeRow: RowWriter;
  sessionToken: string;
  lastUsed: number;
}

/** Open query cursors by locator ID. A cursor holds an index position, never the result rows. */
export class CursorStore {
  private readonly cursors = new Map<string, OpenCursor>();
  private sequence = 0;

  constructor(
    private readonly clock: EmulatorClock,
    private readonly settings: CursorSettings,
  ) {}

  open(cursor: RecordCursor, writeRow: RowWriter, sessionToken: string): OpenCursor {
    this.evictExpired();
    const id = formatId(LOCATOR_PREFIX, ++this.sequence);
    const entry: OpenCursor = { id, cursor, writeRow, sessionToken, lastUsed: this.clock.now() };
    this.cursors.set(id, entry);
    if (this.settings.maxOpen !== null && this.cursors.size > this.settings.maxOpen) {
      const oldest = [...this.cursors.values()].sort((a, b) => a.lastUsed - b.lastUsed)[0];
      if (oldest !== undefined) this.cursors.delete(oldest.id);
    }
    return entry;
  }

  /** The cursor behind a locator ID, or null when it is unknown, expired or (if bound) from another session. */
  get(id: string, sessionToken: string): OpenCursor | null {
    this.evictExpired();
    const entry = this.cursors.get(id);
    if (entry === undefined) return null;
    if (this.settings.boundToSession && entry.sessionToken !== sessionToken) return null;
    entry.lastUsed = this.clock.now();
    return entry;
  }

  close(id: string): void {
    this.cursors.delete(id);
  }

  private evictExpired(): void {
    const cutoff = this.clock.now() - this.settings.ttlMs;
    for (const [id, entry] of this.cursors) {
      if (entry.lastUsed <= cutoff) this.cursors.delete(id);
    }
  }
}
