import type { EmulatorCredentials } from '../../../emulator/index.js';

export interface RestResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- conformance tests check bodies with assertions, not types.
  json: any;
}

/** A deliberately thin HTTP helper for conformance tests: it asserts nothing and hides nothing. */
export class RestClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
    readonly version = '62.0',
  ) {}

  /** Logs in with the client-credentials grant (the simplest one), returning a client for `version`. */
  static async login(credentials: EmulatorCredentials, version = '62.0'): Promise<RestClient> {
    const response = await oauthToken(credentials.instanceUrl, {
      grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret,
    });
    if (response.status !== 200) throw new Error(`login failed: ${response.text}`);
    return new RestClient(credentials.instanceUrl, response.json.access_token, version);
  }

  /** `path` is relative to `/services/data/vXX.X` unless it starts with `/services` or `/id`. */
  url(path: string): string {
    return path.startsWith('/services') || path.startsWith('/id') ? `${this.baseUrl}${path}` : `${this.baseUrl}/services/data/v${this.version}${path}`;
  }

  get(path: string, headers: Record<string, string> = {}): Promise<RestResponse> {
    return this.send('GET', path, undefined, headers);
  }

  send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RestResponse> {
    return request(this.url(path), {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  query(soql: string, all = false, headers: Record<string, string> = {}): Promise<RestResponse> {
    return this.get(`/${all ? 'queryAll' : 'query'}?q=${encodeURIComponent(soql)}`, headers);
  }
}

export function oauthToken(baseUrl: string, params: Record<string, string>, headers: Record<string, string> = {}): Promise<RestResponse> {
  return request(`${baseUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString(),
  });
}

export async function request(url: string, init: RequestInit): Promise<RestResponse> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
