/**
 * The one error the API client throws: the HTTP status and the body text the agent sent
 * (Nomad answers errors in plain text). A request that never got an answer has status 0.
 */
export class ApiError extends Error {
  readonly status: number;
  /** The body of the answer, as sent ("" when there was none). */
  readonly body: string;

  constructor(status: number, message: string, body = '') {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }

  /** True when no agent answered (connection refused, DNS failure, timeout). */
  get unreachable(): boolean {
    return this.status === 0;
  }
}

/** The most specific message of a fetch failure: "connect ECONNREFUSED 127.0.0.1:4646". */
export function fetchFailureText(e: unknown): string {
  const cause = (e as { cause?: unknown }).cause;
  if (cause instanceof AggregateError && cause.errors.length > 0)
    return cause.errors
      .map((x: unknown) => (x instanceof Error ? x.message : String(x)))
      .join('; ');
  if (cause instanceof Error && cause.message) return cause.message;
  return e instanceof Error ? e.message : String(e);
}
