import { RawBody, type ApiResponse } from '../http/api-types.js';
import { errorResponse } from '../http/rest-error.js';
import type { FaultKind } from './fault-rule.js';

const EDGE_TITLES: Record<502 | 503 | 504, string> = { 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

/** The response a status-type fault sends instead of the real one; null for latency and connection resets. */
export function faultResponse(fault: FaultKind, collectionSize: number | null): ApiResponse | null {
  switch (fault.kind) {
    case 'server-unavailable':
      return errorResponse(503, 'SERVER_UNAVAILABLE', 'Server Unavailable');
    case 'edge-html': {
      const title = `${fault.status} ${EDGE_TITLES[fault.status]}`;
      return {
        status: fault.status,
        body: new RawBody(`<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`, 'text/html'),
      };
    }
    case 'request-limit-exceeded':
      return errorResponse(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    case 'unable-to-lock-row': {
      const error = { statusCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record', fields: [] };
      // sObject Collections report row locks per record inside a 200 response.
      if (collectionSize !== null) return { status: 200, body: Array.from({ length: collectionSize }, () => ({ success: false, errors: [error] })) };
      return errorResponse(400, 'UNABLE_TO_LOCK_ROW', error.message, []);
    }
    case 'invalid-session':
      return errorResponse(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    case 'latency':
    case 'connection-reset':
      return null;
  }
}
