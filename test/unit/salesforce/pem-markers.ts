/**
 * PEM armour lines for tests of code that must recognise key material. Assembled at run time so the
 * repository never contains anything that looks like a committed private key.
 */
export const pemBegin = (label: string): string => ['-----BEGIN', `${label}-----`].join(' ');
export const pemEnd = (label: string): string => ['-----END', `${label}-----`].join(' ');
