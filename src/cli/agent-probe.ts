/**
 * Checks whether an agent answers at the configured address. Until the API client (src/api)
 * exists this is how commands that need an agent fail: plainly, naming the address.
 */
import type { ApiConfig } from './general-options.js';
import type { CliIO } from './io.js';

/** How long to wait for an agent that accepts the connection but does not answer. */
const PROBE_TIMEOUT_MS = 10_000;

export type ProbeResult = { reachable: true } | { reachable: false; reason: string };

/** Sends GET /v1/agent/self to the agent; says why when nothing answers. */
export async function probeAgent(cfg: ApiConfig, io: CliIO): Promise<ProbeResult> {
  const doFetch = io.fetch ?? fetch;
  const url = cfg.address.replace(/\/+$/, '') + '/v1/agent/self';
  try {
    await doFetch(url, {
      headers: cfg.token ? { 'X-Nomad-Token': cfg.token } : {},
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    return { reachable: true };
  } catch (e) {
    return { reachable: false, reason: connectionErrorText(e) };
  }
}

/** The most specific message of a fetch failure: "connect ECONNREFUSED 127.0.0.1:4646". */
export function connectionErrorText(e: unknown): string {
  const cause = (e as { cause?: unknown }).cause;
  if (cause instanceof AggregateError && cause.errors.length > 0)
    return cause.errors
      .map((x: unknown) => (x instanceof Error ? x.message : String(x)))
      .join('; ');
  if (cause instanceof Error && cause.message) return cause.message;
  return e instanceof Error ? e.message : String(e);
}
