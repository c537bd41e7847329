/** Locators became opaque strings in v49.0; before that they were the row offset itself (docs/salesforce-api.md §6.4). */
const OPAQUE_LOCATOR_VERSION = 49;
const DIGITS = /^\d+$/;
const BASE64 = /^[A-Za-z0-9+/]+$/;

/**
 * The `Sforce-Locator` of the page starting at row `offset`. Salesforce's opaque form is the offset in
 * base64 without padding (`MTAwMDA` is "10000"), so the same locator always names the same page.
 */
export function encodeLocator(offset: number, apiVersion: number): string {
  if (apiVersion < OPAQUE_LOCATOR_VERSION) return String(offset);
  return Buffer.from(String(offset)).toString('base64').replace(/=+$/, '');
}

/** The row offset a locator names, or null when it is not one this job could have handed out. */
export function decodeLocator(locator: string, apiVersion: number): number | null {
  const text = apiVersion < OPAQUE_LOCATOR_VERSION ? locator : BASE64.test(locator) ? Buffer.from(locator, 'base64').toString('latin1') : '';
  if (!DIGITS.test(text)) return null;
  const offset = Number(text);
  return Number.isSafeInteger(offset) ? offset : null;
}
