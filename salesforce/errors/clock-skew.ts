/**
 * Salesforce refuses a JWT bearer assertion whose `exp` is not within 3 minutes of its own clock ("OAuth 2.0
 * JWT Bearer Flow for Server-to-Server Integration", https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm&type=5).
 * A skew past 2 minutes leaves our 3-minute assertion little or no room, so it is worth naming as the cause.
 */
const SKEW_WORTH_NAMING_MS = 2 * 60_000;

/**
 * Compares the response's `Date` header (Salesforce's clock, to the second) with the local clock when
 * the request started; says how far off this machine is when that explains a refused assertion.
 */
export function clockSkewHint(dateHeader: string | undefined, localNow: number | undefined): string | undefined {
  if (dateHeader === undefined || localNow === undefined) return undefined;
  const salesforceNow = Date.parse(dateHeader);
  if (Number.isNaN(salesforceNow)) return undefined;
  const skewMs = localNow - salesforceNow;
  if (Math.abs(skewMs) <= SKEW_WORTH_NAMING_MS) return undefined;
  const minutes = Math.round(Math.abs(skewMs) / 60_000);
  const relation = skewMs > 0 ? 'ahead of' : 'behind';
  return (
    `this machine's clock is ${minutes} minutes ${relation} Salesforce's (its Date header says ${new Date(salesforceNow).toISOString()}), ` +
    "and the assertion's exp must be within 3 minutes of Salesforce's time: synchronise this machine's clock (NTP)"
  );
}
