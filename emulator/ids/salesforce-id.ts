/**
 * Salesforce record IDs: a 15-char case-sensitive form and an 18-char form whose last three chars
 * encode the case of the first fifteen (docs/salesforce-api.md §3.6). Output always uses the 18-char form.
 */

/** Base-62 digits in ASCII order, so string order of generated IDs equals creation order. */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_BODY = /^[0-9A-Za-z]{15}$/;
/** Two "pod" chars after the key prefix; every ID this emulator mints carries them. */
const POD = 'Em';
const SEQUENCE_WIDTH = 10;

export const MAX_SEQUENCE = 62 ** SEQUENCE_WIDTH - 1;

function isUpper(char: string): boolean {
  return char >= 'A' && char <= 'Z';
}

export function checksumSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      if (isUpper(id15.charAt(chunk * 5 + i))) bits |= 1 << i;
    }
    suffix += CHECKSUM_ALPHABET.charAt(bits);
  }
  return suffix;
}

/**
 * The canonical 18-char form of a 15- or 18-char ID, or null when it is malformed.
 * An 18-char ID is case-insensitive: its suffix restores the case of the first fifteen chars.
 */
export function normalizeId(input: string): string | null {
  if (input.length === 15) return ID_BODY.test(input) ? input + checksumSuffix(input) : null;
  if (input.length !== 18 || !/^[0-9A-Za-z]{18}$/.test(input)) return null;
  let body = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = CHECKSUM_ALPHABET.indexOf(input.charAt(15 + chunk).toUpperCase());
    if (bits < 0) return null;
    for (let i = 0; i < 5; i++) {
      const char = input.charAt(chunk * 5 + i);
      const upper = (bits & (1 << i)) !== 0;
      if (upper && !/[A-Za-z]/.test(char)) return null;
      body += upper ? char.toUpperCase() : char.toLowerCase();
    }
  }
  return body + checksumSuffix(body);
}

export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}

/** Mints the 18-char ID of the `sequence`-th record under a key prefix. */
export function formatId(keyPrefix: string, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 0 || sequence > MAX_SEQUENCE) {
    throw new RangeError(`ID sequence out of range: ${sequence}`);
  }
  let digits = '';
  let rest = sequence;
  for (let i = 0; i < SEQUENCE_WIDTH; i++) {
    digits = BASE62.charAt(rest % 62) + digits;
    rest = Math.floor(rest / 62);
  }
  const id15 = keyPrefix + POD + digits;
  return id15 + checksumSuffix(id15);
}

/** The sequence number of an ID this emulator minted, or null for IDs of another shape. */
export function sequenceOf(id: string): number | null {
  if (id.slice(3, 5) !== POD) return null;
  let value = 0;
  for (const char of id.slice(5, 15)) {
    const digit = BASE62.indexOf(char);
    if (digit < 0) return null;
    value = value * 62 + digit;
  }
  return value;
}
