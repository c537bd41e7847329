import type { Transform } from 'node:stream';
import { promisify } from 'node:util';
import { brotliDecompress, createGunzip, gunzip, inflate, inflateRaw } from 'node:zlib';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);
const inflateRawAsync = promisify(inflateRaw);
const brotliAsync = promisify(brotliDecompress);

/** Undo Content-Encoding (Salesforce compresses responses when asked, docs/salesforce-api.md §2.1). */
export async function decodeBody(raw: Buffer, contentEncoding: string | undefined): Promise<Buffer> {
  const encoding = contentEncoding?.trim().toLowerCase();
  if (raw.length === 0 || encoding === undefined || encoding === '' || encoding === 'identity') return raw;
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return gunzipAsync(raw);
    case 'deflate':
      // "deflate" is zlib-wrapped per RFC 9110, but some servers send raw deflate.
      return inflateAsync(raw).catch(() => inflateRawAsync(raw));
    case 'br':
      return brotliAsync(raw);
    default:
      throw new Error(`unsupported Content-Encoding: ${encoding}`);
  }
}

/** The streaming counterpart of `decodeBody`, for bodies read as they arrive; those ask only for gzip. */
export function decodingStream(contentEncoding: string | undefined): Transform | undefined {
  const encoding = contentEncoding?.trim().toLowerCase();
  if (encoding === undefined || encoding === '' || encoding === 'identity') return undefined;
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip();
  throw new Error(`unsupported Content-Encoding: ${encoding}`);
}
