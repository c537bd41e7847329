// Sign, integer digits, fraction digits, exponent: what JSON numbers, String(number) and Bulk CSV cells look like.
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
// Already canonical, as most numbers are: checked first because a page holds thousands.
const CANONICAL = /^(?!-0$)-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;
// Salesforce numbers carry at most 18 digits (describe `precision`); this only stops absurd exponents from
// expanding into huge strings.
const MAX_EXPONENT = 1000;

/**
 * The canonical plain-decimal text of a number written in decimal or scientific notation, without rounding:
 * no exponent, no leading or trailing zeros, no "+", no "-0". `"1200.50"`, `"1.2005e3"` and `1200.5` all give
 * `"1200.5"`, so the same value reads the same from REST JSON and Bulk CSV. Null when the text is not a number.
 */
export function canonicalDecimal(text: string): string | null {
  if (CANONICAL.test(text)) return text;
  const match = DECIMAL.exec(text);
  if (match === null) return null;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText);
  if ((whole === '' && fraction === '') || Math.abs(exponent) > MAX_EXPONENT) return null;

  let digits = whole + fraction;
  let point = whole.length + exponent;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  digits = digits.padEnd(point, '0');
  const integerPart = digits.slice(0, point).replace(/^0+/, '') || '0';
  const fractionPart = digits.slice(point).replace(/0+$/, '');
  const magnitude = fractionPart === '' ? integerPart : `${integerPart}.${fractionPart}`;
  return sign === '-' && magnitude !== '0' ? `-${magnitude}` : magnitude;
}
