import type { Session } from '../auth/session-store.js';
import type { ApiRequest, ApiResponse } from '../http/api-types.js';
import { RestError, invalidSession, methodNotAllowed, notFoundError, requestLimitExceeded } from '../http/rest-error.js';
import { Router } from '../http/router.js';
import type { OrgRuntime } from '../org-runtime.js';
import { OLDEST_SUPPORTED_VERSION, parseVersionSegment } from './api-versions.js';
import type { DataRequest, DataRoute, Subrequest } from './data-request.js';
import { toErrorResponse } from './error-response.js';

const DATA_PREFIX = /^\/services\/data\/([^/]+)(\/.*)?$/;

/**
 * Everything under `/services/data/vXX.X/`: version check, authentication, API accounting with the
 * `Sforce-Limit-Info` header, routing and error mapping. Composite resources dispatch subrequests through
 * `dispatch`, which shares the parent's session and counts nothing itself.
 */
export class DataApi {
  private readonly router = new Router<DataRoute>();

  constructor(
    private readonly runtime: OrgRuntime,
    routes: readonly DataRoute[],
  ) {
    for (const route of routes) this.router.add(route.methods, route.template, route);
  }

  static matches(path: string): boolean {
    return DATA_PREFIX.test(path);
  }

  /** `GET /services/data/:version/query`: the route key call counts are kept under. */
  routeKey(method: string, path: string): string {
    const [, , subpath = ''] = DATA_PREFIX.exec(path) ?? [];
    const match = this.router.match(method, subpath === '' ? '/' : subpath);
    const template = match.kind === 'found' ? match.route.template : match.kind === 'method-not-allowed' ? match.template : '/*';
    return `${method} /services/data/:version${template === '/' ? '' : template}`;
  }

  handle(request: ApiRequest): ApiResponse {
    const [, segment = '', subpath = '/'] = DATA_PREFIX.exec(request.path) ?? [];
    const versionNumber = parseVersionSegment(segment);
    if (versionNumber === null || versionNumber > this.runtime.latestVersion) return notFoundError().toResponse();
    if (versionNumber < OLDEST_SUPPORTED_VERSION) {
      return new RestError(410, 'UNSUPPORTED_API_VERSION', `API version ${versionNumber}.0 has been retired and is no longer supported.`).toResponse();
    }
    let session: Session;
    try {
      session = this.authenticate(request);
    } catch (error) {
      return toErrorResponse(error);
    }
    const match = this.router.match(request.method, subpath);
    const calls = match.kind === 'found' ? (match.route.handler.calls ?? 1) : 1;
    const response = calls > 0 && !this.runtime.usage.tryConsume(calls)
      ? requestLimitExceeded().toResponse()
      : this.run(match, { ...request, version: `${versionNumber}.0`, versionNumber, params: {}, session, subrequest: false });
    return { ...response, headers: { ...response.headers, 'Sforce-Limit-Info': this.runtime.usage.header() } };
  }

  /** Runs a composite or batch subrequest with the parent request's session. */
  dispatch(parent: DataRequest, subrequest: Subrequest): ApiResponse {
    const url = new URL(subrequest.url, 'http://subrequest');
    const [, segment = '', subpath = '/'] = DATA_PREFIX.exec(url.pathname) ?? [];
    const versionNumber = parseVersionSegment(segment);
    if (versionNumber === null || versionNumber < OLDEST_SUPPORTED_VERSION || versionNumber > this.runtime.latestVersion) {
      return notFoundError().toResponse();
    }
    const body = subrequest.body;
    const request: DataRequest = {
      method: subrequest.method,
      path: url.pathname,
      query: url.searchParams,
      headers: { ...parent.headers, ...lowerCaseKeys(subrequest.headers ?? {}) },
      rawBody: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
      json: () => body,
      version: `${versionNumber}.0`,
      versionNumber,
      params: {},
      session: parent.session,
      subrequest: true,
    };
    return this.run(this.router.match(subrequest.method, subpath), request);
  }

  private run(match: ReturnType<Router<DataRoute>['match']>, request: DataRequest): ApiResponse {
    try {
      if (match.kind === 'not-found') throw notFoundError();
      if (match.kind === 'method-not-allowed') throw methodNotAllowed(request.method, match.allowed);
      return match.route.handler.handler({ ...request, params: match.params });
    } catch (error) {
      return toErrorResponse(error);
    }
  }

  /** Bearer (or the legacy `OAuth`) token → session; 401 INVALID_SESSION_ID / INVALID_AUTH_HEADER otherwise. */
  private authenticate(request: ApiRequest): Session {
    const header = request.headers['authorization'];
    if (header === undefined || header.trim() === '') throw invalidSession();
    const match = /^(Bearer|OAuth)\s+(\S+)\s*$/i.exec(header.trim());
    if (match === null) throw new RestError(401, 'INVALID_AUTH_HEADER', 'INVALID_HEADER_TYPE');
    const session = this.runtime.sessions.authenticate(match[2] as string);
    if (session === null) throw invalidSession();
    return session;
  }
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
}
