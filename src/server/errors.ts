/**
 * The server engine's typed errors. Each has a stable `code`; callers (the HTTP layer) map
 * codes to statuses and never match message text.
 */

export type ServerErrorCode =
  | 'EVAL_NOT_OUTSTANDING'
  | 'EVAL_TOKEN_MISMATCH'
  | 'BROKER_DISABLED'
  | 'NODE_NOT_FOUND'
  | 'NODE_SECRET_MISMATCH'
  | 'JOB_NOT_FOUND'
  | 'ALLOC_NOT_FOUND'
  | 'JOB_INVALID'
  | 'GROUP_NOT_FOUND'
  | 'INVALID_REQUEST'
  | 'NO_SCHEDULER'
  /** The scheduler configuration's RejectJobRegistration refuses the caller (Nomad: 403). */
  | 'JOB_REGISTRATION_DISABLED'
  | 'SERVER_STOPPED';

export class ServerError extends Error {
  constructor(
    readonly code: ServerErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ServerError';
  }
}

export function isServerError(e: unknown, code?: ServerErrorCode): e is ServerError {
  return e instanceof ServerError && (code === undefined || e.code === code);
}
