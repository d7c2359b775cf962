/**
 * The HTTP API's typed errors and the one place where an error becomes a status code. Errors
 * are identified by code (ours, the server engine's, the state store's, fastify's), never by
 * message text.
 */
import type { StateErrorCode } from '../../state/index.js';
import { isStateError } from '../../state/index.js';
import type { ServerErrorCode } from '../errors.js';
import { isServerError } from '../errors.js';

export type HttpErrorCode =
  /** The body is not valid JSON. */
  | 'HTTP_MALFORMED_JSON'
  /** The body or a query parameter has a wrong type, a missing field or a bad value. */
  | 'HTTP_BAD_REQUEST'
  /** The object named in the path does not exist. */
  | 'HTTP_NOT_FOUND'
  /** No route has this path. */
  | 'HTTP_NO_ROUTE'
  /** A route has this path, but not for this method. */
  | 'HTTP_METHOD_NOT_ALLOWED'
  /** The body is larger than the configured limit. */
  | 'HTTP_BODY_TOO_LARGE'
  /** A `filter` expression that does not parse or cannot be evaluated. */
  | 'HTTP_BAD_FILTER'
  /** `?region=` names a region this agent cannot reach. */
  | 'HTTP_UNKNOWN_REGION'
  /** A file API path that leaves the allocation directory. */
  | 'HTTP_FORBIDDEN'
  /** A /v1/client endpoint on an agent whose client does not run (or lacks the alloc). */
  | 'HTTP_NO_CLIENT';

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly code: HttpErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const HTTP_STATUS: Record<HttpErrorCode, number> = {
  HTTP_MALFORMED_JSON: 400,
  HTTP_BAD_REQUEST: 400,
  HTTP_NOT_FOUND: 404,
  HTTP_NO_ROUTE: 404,
  HTTP_METHOD_NOT_ALLOWED: 405,
  HTTP_BODY_TOO_LARGE: 413,
  HTTP_BAD_FILTER: 400,
  HTTP_UNKNOWN_REGION: 400,
  HTTP_FORBIDDEN: 403,
  HTTP_NO_CLIENT: 400,
};

const SERVER_STATUS: Record<ServerErrorCode, number> = {
  EVAL_NOT_OUTSTANDING: 400,
  EVAL_TOKEN_MISMATCH: 400,
  BROKER_DISABLED: 500,
  NODE_NOT_FOUND: 404,
  NODE_SECRET_MISMATCH: 403,
  JOB_NOT_FOUND: 404,
  ALLOC_NOT_FOUND: 404,
  JOB_INVALID: 400,
  GROUP_NOT_FOUND: 400,
  INVALID_REQUEST: 400,
  NO_SCHEDULER: 400,
  JOB_REGISTRATION_DISABLED: 403,
  SERVER_STOPPED: 503,
};

const STATE_STATUS: Record<StateErrorCode, number> = {
  STATE_ERR_UNKNOWN_ALLOC: 404,
  STATE_ERR_UNKNOWN_NODE: 404,
  STATE_ERR_UNKNOWN_JOB: 404,
  STATE_ERR_UNKNOWN_NODE_POOL: 404,
  STATE_ERR_INVALID_OP: 400,
  STATE_ERR_NODE_DRAINING: 400,
  STATE_ERR_BACKEND: 500,
  STATE_ERR_CLOSED: 503,
  STATE_ERR_CONFIG: 500,
};

/** fastify's own error codes that are the client's fault. */
const FASTIFY_STATUS: Record<string, number> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 413,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 415,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 400,
  FST_ERR_CTP_EMPTY_JSON_BODY: 400,
  FST_ERR_CTP_INVALID_JSON_BODY: 400,
  FST_ERR_BAD_URL: 400,
};

/** The status and message an error is answered with. */
export function errorStatus(e: unknown): { status: number; message: string } {
  if (e instanceof HttpError) return { status: HTTP_STATUS[e.code], message: e.message };
  if (isServerError(e)) return { status: SERVER_STATUS[e.code] ?? 500, message: e.message };
  if (isStateError(e)) return { status: STATE_STATUS[e.code] ?? 500, message: e.message };
  const err = e as { code?: unknown; statusCode?: unknown; message?: unknown };
  const message = typeof err?.message === 'string' ? err.message : String(e);
  if (typeof err?.code === 'string' && err.code in FASTIFY_STATUS) {
    return { status: FASTIFY_STATUS[err.code]!, message };
  }
  if (typeof err?.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return { status: err.statusCode, message };
  }
  return { status: 500, message };
}

export const badRequest = (message: string) => new HttpError('HTTP_BAD_REQUEST', message);
export const notFound = (message: string) => new HttpError('HTTP_NOT_FOUND', message);
