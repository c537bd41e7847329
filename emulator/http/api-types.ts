/**
 * JSON already serialised (query pages), as text or as UTF-8 bytes: written as is, parsed only when embedded
 * in a composite or batch response.
 */
export class RawJson {
  constructor(readonly content: string | Buffer) {}

  get text(): string {
    return typeof this.content === 'string' ? this.content : this.content.toString('utf8');
  }
}

/** A non-JSON body (HTML edge errors, CSV, NDJSON) with its content type. */
export class RawBody {
  constructor(
    readonly text: string,
    readonly contentType: string,
  ) {}
}

/** A body written chunk by chunk (the admin API's NDJSON record dumps of large objects). */
export class StreamBody {
  constructor(
    readonly chunks: AsyncIterable<string>,
    readonly contentType: string,
  ) {}
}

export type ResponseBody = unknown;

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  /** Undefined for an empty body (204, revoke); RawJson/RawBody/StreamBody as they say; any other value is JSON. */
  body?: ResponseBody;
}

/** An incoming request, parsed once; composite subrequests build the same shape. */
export interface ApiRequest {
  /** After the `_HttpMethod` override. */
  method: string;
  /** Path without the query string, still percent-encoded (route parameters are decoded when matched). */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
  /** The body parsed as JSON (memoised); throws a RestError for malformed JSON or a non-JSON content type. */
  json(): unknown;
}

export function jsonResponse(status: number, body: unknown, headers?: Record<string, string>): ApiResponse {
  return headers === undefined ? { status, body } : { status, body, headers };
}

export const noContent = (): ApiResponse => ({ status: 204 });

/** A route outside `/services/data` (OAuth, identity, admin). */
export interface TopRoute {
  methods: readonly string[];
  template: string;
  handler: (request: ApiRequest, params: Record<string, string>) => ApiResponse | Promise<ApiResponse>;
}
