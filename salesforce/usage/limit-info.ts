/** API usage as Salesforce reports it in `Sforce-Limit-Info` (docs/salesforce-api.md §2.6). */
export interface ApiUsage {
  used: number;
  max: number;
  /** Present when the connected app has its own allocation. */
  perApp?: { appName: string; used: number; max: number };
}

/** Parses `api-usage=25/5000; per-app-api-usage=17/250(appName=sample-connected-app)`. */
export function parseLimitInfo(header: string | undefined): ApiUsage | undefined {
  if (header === undefined) return undefined;
  const total = /(?:^|[;\s])api-usage=(\d+)\/(\d+)/.exec(header);
  if (total === null) return undefined;
  const usage: ApiUsage = { used: Number(total[1]), max: Number(total[2]) };
  const perApp = /per-app-api-usage=(\d+)\/(\d+)\(appName=([^)]*)\)/.exec(header);
  if (perApp !== null) usage.perApp = { used: Number(perApp[1]), max: Number(perApp[2]), appName: perApp[3] ?? '' };
  return usage;
}
