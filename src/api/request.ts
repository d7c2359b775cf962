/**
 * One HTTP call to an agent: the query string (region, namespace, blocking-query options),
 * the token header, the JSON body, and the X-Nomad-* headers of the answer.
 */
import { ApiError, fetchFailureText } from './api-error.js';

export interface ClientConfig {
  /** "http://127.0.0.1:4646"; a trailing slash is ignored. */
  address: string;
  token?: string;
  region?: string;
  namespace?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** The HTTP function; the global `fetch` when not given. */
  fetch?: typeof fetch;
}

/** Nomad's QueryOptions: blocking queries, filtering and paging. */
export interface QueryOptions {
  /** Blocks until the resource's index is above this one. */
  index?: number;
  /** The longest a blocking query waits, in milliseconds. */
  waitMs?: number;
  /** The same as a Go duration ("5m", "30s"); waitMs wins when both are set. */
  wait?: string;
  prefix?: string;
  filter?: string;
  perPage?: number;
  nextToken?: string;
  stale?: boolean;
  /** Overrides the client's region or namespace for this call. */
  region?: string;
  namespace?: string;
  /** Extra query parameters. */
  params?: Record<string, string>;
  /** Abandons the call (a blocking query nobody waits for any more). */
  signal?: AbortSignal;
}

export interface WriteOptions {
  region?: string;
  namespace?: string;
  params?: Record<string, string>;
}

/** What the X-Nomad-* headers said about the answer. */
export interface QueryMeta {
  lastIndex: number;
  knownLeader: boolean;
  lastContact: number;
  nextToken: string;
}

export interface ApiResult<T> {
  data: T;
  meta: QueryMeta;
}

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';

/** Sends one request and decodes its JSON answer; throws ApiError on failure. */
export async function request<T>(
  cfg: ClientConfig,
  method: Method,
  path: string,
  opts: QueryOptions & WriteOptions = {},
  body?: unknown,
): Promise<ApiResult<T>> {
  const url = buildURL(cfg, path, opts);
  const headers: Record<string, string> = { ...cfg.headers };
  if (cfg.token) headers['X-Nomad-Token'] = cfg.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const doFetch = cfg.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: opts.signal,
    });
  } catch (e) {
    throw new ApiError(0, fetchFailureText(e));
  }
  const text = await res.text();
  if (res.status < 200 || res.status > 299)
    throw new ApiError(
      res.status,
      `Unexpected response code: ${res.status} (${text.trim()})`,
      text,
    );
  let data: T;
  try {
    data = (text === '' ? null : JSON.parse(text)) as T;
  } catch {
    throw new ApiError(res.status, `Failed to decode response: ${text.slice(0, 200)}`);
  }
  return { data, meta: readMeta(res.headers) };
}

/** The full URL of a call, with the client's and the call's query parameters. */
export function buildURL(
  cfg: ClientConfig,
  path: string,
  opts: QueryOptions & WriteOptions,
): string {
  const q = new URLSearchParams();
  const region = opts.region ?? cfg.region;
  const namespace = opts.namespace ?? cfg.namespace;
  if (region) q.set('region', region);
  if (namespace) q.set('namespace', namespace);
  if (opts.stale) q.set('stale', '');
  if (opts.index !== undefined && opts.index > 0) q.set('index', String(opts.index));
  if (opts.waitMs !== undefined && opts.waitMs > 0) q.set('wait', `${opts.waitMs}ms`);
  else if (opts.wait) q.set('wait', opts.wait);
  if (opts.prefix) q.set('prefix', opts.prefix);
  if (opts.filter) q.set('filter', opts.filter);
  if (opts.perPage !== undefined && opts.perPage > 0) q.set('per_page', String(opts.perPage));
  if (opts.nextToken) q.set('next_token', opts.nextToken);
  for (const [k, v] of Object.entries(opts.params ?? {})) q.set(k, v);
  const qs = q.toString();
  return cfg.address.replace(/\/+$/, '') + path + (qs ? '?' + qs : '');
}

function readMeta(h: Headers): QueryMeta {
  return {
    lastIndex: Number(h.get('X-Nomad-Index') ?? 0) || 0,
    knownLeader: h.get('X-Nomad-KnownLeader') === 'true',
    lastContact: Number(h.get('X-Nomad-LastContact') ?? 0) || 0,
    nextToken: h.get('X-Nomad-NextToken') ?? '',
  };
}

/** A path segment, escaped. */
export function seg(s: string): string {
  return encodeURIComponent(s);
}
