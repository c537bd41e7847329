import { ApiUsageTracker, type Limits } from '../../../salesforce/index.js';

export const ORG = '00D000000000001EAA';

/** The part of a Salesforce client the budget activities use, answering `/limits` from a script. */
export class FakeLimitsClient {
  readonly usage = new ApiUsageTracker();
  limitsCalls = 0;
  #next: () => Limits = () => {
    throw new Error('no /limits answer scripted');
  };

  /** A response as the client reports it: the usage header first, then the call. */
  respond(used: number, max: number, route = '/query'): void {
    this.usage.record(ORG, { used, max });
    this.usage.recordCall({ method: 'GET', route, status: 200, durationMs: 3, bytes: 100 });
  }

  answerLimits(next: () => Limits): void {
    this.#next = next;
  }

  limits(): Promise<Limits> {
    this.limitsCalls += 1;
    // A scripted throw becomes the rejection, as a failed call would be.
    return new Promise((resolve) => resolve(this.#next()));
  }
}
