import type { IncomingMessage } from 'node:http';
import { createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { RestError } from './rest-error.js';

/** REST request bodies are capped at 50 MB (REST API Developer Guide, "Limits"). */
const MAX_BODY_BYTES = 50 * 1024 * 1024;

/** Reads the request body, undoing a gzip/deflate `Content-Encoding` as Salesforce does. */
export async function readBody(request: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  const encoding = request.headers['content-encoding']?.toLowerCase();
  let source: Readable = request;
  if (encoding === 'gzip') source = request.pipe(createGunzip());
  else if (encoding === 'deflate') source = request.pipe(createInflate());
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) throw new RestError(413, 'REQUEST_ENTITY_TOO_LARGE', 'Request body exceeds the maximum size');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Parses a JSON request body. No content type is taken as JSON; any other non-JSON type is 415, and
 * malformed JSON is JSON_PARSER_ERROR, as the REST API answers.
 */
export function parseJsonBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type !== undefined && type !== '' && type !== 'application/json' && !type.endsWith('+json')) {
    throw new RestError(415, 'UNSUPPORTED_MEDIA_TYPE', `Content type '${type}' not supported for this resource`);
  }
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RestError(400, 'JSON_PARSER_ERROR', jsonErrorMessage(text));
  }
}

/** Jackson's wording, which Salesforce passes through: the offending character and its line and column. */
function jsonErrorMessage(text: string): string {
  let index = 0;
  try {
    JSON.parse(text);
  } catch (error) {
    const match = /position (\d+)/.exec((error as Error).message);
    index = match === null ? firstSuspect(text) : Number(match[1]);
  }
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  const char = text.charAt(index);
  if (char === '') return `Unexpected end-of-input: expected close marker for Object at [line:${line}, column:${column}]`;
  return `Unexpected character ('${char}' (code ${char.charCodeAt(0)})): was expecting a valid JSON value at [line:${line}, column:${column}]`;
}

function firstSuspect(text: string): number {
  const index = text.search(/[^\s{}[\]",:0-9a-zA-Z.+-]/);
  return index < 0 ? text.length : index;
}
