/**
 * The query parameters every endpoint understands (Nomad's QueryOptions): blocking queries
 * (`index`, `wait`), `stale`, `namespace`, `region`, `prefix`, `filter`, `per_page`,
 * `next_token`, `pretty`.
 */
import { badRequest, HttpError } from './errors.js';
import type { FilterExpr } from './filter/index.js';
import { FilterSyntaxError, parseFilter } from './filter/index.js';

/** Nomad's defaults: a blocking query waits 5 minutes unless told, and never over 10. */
export const DEFAULT_WAIT_MS = 5 * 60_000;
export const MAX_WAIT_MS = 10 * 60_000;
/** Nomad adds up to wait/16 of random jitter, so that many waiters do not wake together. */
export const JITTER_FRACTION = 16;

export interface QueryOptions {
  /** Blocking query: answer once the index is above this (0: answer at once). */
  minIndex: number;
  /** How long to wait, with jitter, in ms. */
  waitMs: number;
  stale: boolean;
  namespace: string;
  region: string;
  prefix: string;
  filter: FilterExpr | null;
  perPage: number;
  nextToken: string;
  pretty: boolean;
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** A Go duration ("5m", "1m30s", "250ms") in ms, or null when it is not one. */
export function parseGoDuration(s: string): number | null {
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    matched = re.lastIndex;
  }
  return matched === s.length && s.length > 0 ? total : null;
}

const flag = (v: string | undefined) => v !== undefined && v !== 'false' && v !== '0';

export function parseQueryOptions(
  raw: Record<string, string>,
  defaults: { region: string; random?: () => number },
): QueryOptions {
  let minIndex = 0;
  if (raw.index !== undefined) {
    if (!/^\d+$/.test(raw.index)) throw badRequest(`Invalid index: ${JSON.stringify(raw.index)}`);
    minIndex = Number(raw.index);
  }
  let waitMs = DEFAULT_WAIT_MS;
  if (raw.wait !== undefined) {
    const w = parseGoDuration(raw.wait);
    if (w === null) throw badRequest(`Invalid wait time: ${JSON.stringify(raw.wait)}`);
    waitMs = w;
  }
  waitMs = Math.min(waitMs, MAX_WAIT_MS);
  waitMs += Math.floor((defaults.random ?? Math.random)() * (waitMs / JITTER_FRACTION));
  const region = raw.region || defaults.region;
  if (region !== defaults.region) {
    throw new HttpError('HTTP_UNKNOWN_REGION', `No path to region ${JSON.stringify(region)}`);
  }
  let filter: FilterExpr | null = null;
  if (raw.filter) {
    try {
      filter = parseFilter(raw.filter);
    } catch (e) {
      if (e instanceof FilterSyntaxError) {
        throw new HttpError('HTTP_BAD_FILTER', `failed to parse filter: ${e.message}`);
      }
      throw e;
    }
  }
  let perPage = 0;
  if (raw.per_page !== undefined) {
    if (!/^\d+$/.test(raw.per_page)) {
      throw badRequest(`Invalid per_page: ${JSON.stringify(raw.per_page)}`);
    }
    perPage = Number(raw.per_page);
  }
  return {
    minIndex,
    waitMs,
    stale: flag(raw.stale),
    namespace: raw.namespace || 'default',
    region,
    prefix: raw.prefix ?? '',
    filter,
    perPage,
    nextToken: raw.next_token ?? '',
    pretty: flag(raw.pretty),
  };
}
