import { MockActivityEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { serverWindowEnd } from '../../../activities/sync/server-window-end.js';

describe('serverWindowEnd', () => {
  const serverDate = Date.parse('2031-03-04T12:00:00Z');

  it("ends the window at Salesforce's time minus the lag when the worker clock runs 10 minutes ahead", async () => {
    const skews: Array<[string, number]> = [];
    const end = await new MockActivityEnvironment().run(() => Promise.resolve(serverWindowEnd({
      connection: 'prod', serverDate, workerNow: serverDate + 600_000, consistencyLagSeconds: 300,
      metrics: { recordClockSkew: (connection, seconds) => skews.push([connection, seconds]) },
    })));
    expect(end).toBe('2031-03-04T11:55:00.000Z');
    expect(skews).toEqual([['prod', 600]]);
  });

  it('falls back to the worker clock only when no response carried a Date header', async () => {
    const end = await new MockActivityEnvironment().run(() => Promise.resolve(serverWindowEnd({
      connection: 'prod', serverDate: undefined, workerNow: serverDate, consistencyLagSeconds: 60,
    })));
    expect(end).toBe('2031-03-04T11:59:00.000Z');
  });
});
