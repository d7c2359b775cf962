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
 * Nomad's relative times ("2h5m ago", "3s from now"): the difference rounded to whole seconds,
 * split into years, months (30 days), days, hours, minutes and seconds; the two largest
 * non-zero periods are shown ("1h ago" for one hour and a few milliseconds).
 */
export function prettyTimeDiff(firstMs: number, secondMs: number): string {
  if (firstMs <= 0) return '';
  const a = Math.round(firstMs / 1000);
  const b = Math.round(secondMs / 1000);
  const suffix = b >= a ? ' ago' : ' from now';
  let u = Math.abs(b - a);
  const periods: [string, number][] = [
    ['s', 60],
    ['m', 60],
    ['h', 24],
    ['d', 30],
    ['mo', 12],
  ];
  const parts: string[] = [];
  for (const [name, size] of periods) {
    if (u % size > 0) parts.unshift(`${u % size}${name}`);
    u = Math.floor(u / size);
    if (u === 0) break;
  }
  if (u > 0) parts.unshift(`${u}y`);
  return (parts.length === 0 ? '0s' : parts.slice(0, 2).join('')) + suffix;
}

/** Nomad's "time ago" columns from a nanosecond timestamp. */
export function ago(ns: number, nowMs: number): string {
  return prettyTimeDiff(Math.floor(ns / 1e6), nowMs);
}
