import type { Session } from '../auth/session-store.js';
import type { ApiRequest, ApiResponse } from '../http/api-types.js';

/** A request under `/services/data/vXX.X/`, authenticated. */
export interface DataRequest extends ApiRequest {
  /** `62.0` */
  version: string;
  versionNumber: number;
  params: Record<string, string>;
  session: Session;
  /** True inside composite and batch, where calls are counted by the enclosing request. */
  subrequest: boolean;
}

/**
 * Data handlers are synchronous: the store is in memory, so a composite request can run its subrequests inside
 * one atomic store write without another request interleaving.
 */
export type DataHandler = (request: DataRequest) => ApiResponse;

export interface DataRoute {
  methods: readonly string[];
  /** Relative to `/services/data/vXX.X`, e.g. `/sobjects/:object/:id`. */
  template: string;
  handler: DataHandler;
  /**
   * API requests this call counts (docs/salesforce-api.md §7.2): 1 by default; 0 for composite batch, which counts each
   * subrequest itself.
   */
  calls?: number;
}

/** A subrequest inside composite or batch: method, URL and JSON body. */
export interface Subrequest {
  method: string;
  /** Starting with `/services/data/vXX.X/`. */
  url: string;
  body: unknown;
  headers?: Record<string, string>;
}

/** Runs a subrequest with its parent request's session. */
export type Dispatch = (parent: DataRequest, subrequest: Subrequest) => ApiResponse;
