/**
 * What the commands that talk to an agent share: the client built from the general options,
 * nomad's short IDs and time formats, and the text of an API failure.
 */
import { ApiClient, ApiError } from '../../api/index.js';
import { resolveApiConfig, type GeneralFlagValues } from '../general-options.js';
import type { CliIO } from '../io.js';

/** Nomad's short identifier length, and the full one (-verbose). */
export const SHORT_ID = 8;
export const FULL_ID = 36;

/** The API client for the general options (flags over NOMAD_* variables). */
export function clientFor(values: GeneralFlagValues, io: CliIO): ApiClient {
  const cfg = resolveApiConfig(values, io.env);
  return new ApiClient({
    address: cfg.address,
    token: cfg.token,
    region: cfg.region,
    namespace: cfg.namespace,
    fetch: io.fetch,
  });
}

/** The message of an API failure, naming the address when no agent answered. */
export function apiErrorText(e: unknown, client: ApiClient): string {
  if (e instanceof ApiError && e.unreachable)
    return `no Caravan agent is reachable at ${client.config.address}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

/** True when the failure is the agent's 404. */
export function isNotFound(e: unknown): boolean {
  return e instanceof ApiError && e.status === 404;
}

/** The first `n` characters of an ID (nomad's limit). */
export function limit(s: string, n: number): string {
  return s.length > n ? s.slice(0, n) : s;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Go's "2006-01-02T15:04:05Z07:00" in the process's time zone; "" for the zero time. */
export function formatTime(ms: number): string {
  if (ms <= 0) return '';
  const d = new Date(ms);
  const off = -d.getTimezoneOffset();
  const zone =
    off === 0
      ? 'Z'
      : (off > 0 ? '+' : '-') + pad(Math.floor(Math.abs(off) / 60)) + ':' + pad(Math.abs(off) % 60);
  return (
    `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${zone}`
  );
}

/** A Unix time in nanoseconds (Nomad's SubmitTime, CreateTime...), formatted by formatTime. */
export function formatUnixNano(ns: number): string {
  return formatTime(Math.floor(ns / 1e6));
}

/**
 * Nomad's relative times ("2h5m ago", "3s from now"): the two largest units of the difference
 * in whole seconds, from years down to seconds.
 */
export function prettyTimeDiff(firstMs: number, secondMs: number): string {
  if (firstMs <= 0) return '';
  const a = Math.round(firstMs / 1000);
  const b = Math.round(secondMs / 1000);
  const suffix = b >= a ? ' ago' : ' from now';
  let s = Math.abs(b - a);
  if (s === 0) return '0s' + suffix;
  const units: [string, number][] = [
    ['y', 365 * 86400],
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  for (const [name, size] of units) {
    const n = Math.floor(s / size);
    s -= n * size;
    if (parts.length > 0 || n > 0) parts.push(`${n}${name}`);
  }
  return parts.slice(0, 2).join('') + suffix;
}

/** Nomad's "time ago" columns from a nanosecond timestamp. */
export function ago(ns: number, nowMs: number): string {
  return prettyTimeDiff(Math.floor(ns / 1e6), nowMs);
}
