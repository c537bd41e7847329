import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock, type AdjustableClock } from '../../../emulator/clock.js';
import { startEmulator } from '../../../emulator/index.js';

describe("the emulator's Date header", () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let clock: AdjustableClock;
  beforeAll(async () => {
    clock = createManualClock(Date.parse('2031-03-04T05:06:07.890Z'));
    emulator = await startEmulator({ clock });
  });
  afterAll(async () => emulator?.close());

  it("tells the org's clock, not the machine's, as Salesforce's responses tell Salesforce's", async () => {
    const first = await fetch(`${emulator.url}/services/data`);
    expect(first.headers.get('date')).toBe('Tue, 04 Mar 2031 05:06:07 GMT');
    clock.advance(3_600_000);
    const later = await fetch(`${emulator.url}/services/data`);
    expect(later.headers.get('date')).toBe('Tue, 04 Mar 2031 06:06:07 GMT');
  });
});
