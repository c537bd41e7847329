import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { RawBody, RawJson, StreamBody, type ApiResponse } from './api-types.js';

const JSON_TYPE = 'application/json;charset=UTF-8';
/** Lets a half-written body reach the client before the reset discards what is still buffered. */
const RESET_GRACE_MS = 20;

/** Writes an ApiResponse; with `resetMidBody`, sends half the body and then resets the connection. */
export async function writeResponse(res: ServerResponse, response: ApiResponse, resetMidBody: boolean): Promise<void> {
  const { body } = response;
  for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);
  if (body instanceof StreamBody) {
    res.writeHead(response.status, { 'Content-Type': body.contentType });
    for await (const chunk of body.chunks) {
      if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
    return;
  }
  const payload = encode(body);
  if (payload === null) {
    if (resetMidBody) {
      res.socket?.resetAndDestroy();
      return;
    }
    res.writeHead(response.status);
    res.end();
    return;
  }
  res.writeHead(response.status, { 'Content-Type': payload.type, 'Content-Length': payload.bytes.length });
  if (!resetMidBody) {
    res.end(payload.bytes);
    return;
  }
  await new Promise<void>((resolve) => res.write(payload.bytes.subarray(0, Math.floor(payload.bytes.length / 2)), () => resolve()));
  await delay(RESET_GRACE_MS);
  res.socket?.resetAndDestroy();
}

function encode(body: unknown): { bytes: Buffer; type: string } | null {
  if (body === undefined) return null;
  if (body instanceof RawJson) return { bytes: typeof body.content === 'string' ? Buffer.from(body.content) : body.content, type: JSON_TYPE };
  if (body instanceof RawBody) return { bytes: Buffer.from(body.text), type: body.contentType };
  return { bytes: Buffer.from(JSON.stringify(body)), type: JSON_TYPE };
}
