/**
 * Typed errors of the state store. Callers identify them by `code`, never by message text.
 * A rejected batch changed nothing and consumed no index.
 */

export type StateErrorCode =
  /** An op names an allocation the store does not have. */
  | 'STATE_ERR_UNKNOWN_ALLOC'
  /** An op names a node the store does not have. */
  | 'STATE_ERR_UNKNOWN_NODE'
  /** An op names a node pool the store does not have. */
  | 'STATE_ERR_UNKNOWN_NODE_POOL'
  /** An op names a job (or job version) the store does not have. */
  | 'STATE_ERR_UNKNOWN_JOB'
  /** An op is malformed or not allowed in the current state (see the message). */
  | 'STATE_ERR_INVALID_OP'
  /** Eligibility cannot be set to eligible while the node drains. */
  | 'STATE_ERR_NODE_DRAINING'
  /** The backend could not make the write durable; nothing was applied. */
  | 'STATE_ERR_BACKEND'
  /** The store is closed. */
  | 'STATE_ERR_CLOSED'
  /** openStateStore was given options that cannot work together. */
  | 'STATE_ERR_CONFIG';

export class StateError extends Error {
  override readonly name = 'StateError';
  constructor(
    readonly code: StateErrorCode,
    message: string,
    /** The IDs the error is about (unknown allocs or nodes), so that a caller can drop them. */
    readonly ids: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isStateError(e: unknown, code?: StateErrorCode): e is StateError {
  return e instanceof StateError && (code === undefined || e.code === code);
}
