/**
 * Nomad's client APIs (`/v1/client/*`): allocation files and logs, stats, restart and signal.
 * Logs and file contents come back as byte streams; the rest as JSON.
 */
import { ApiError, fetchFailureText } from './api-error.js';
import { buildURL, request, seg, type ClientConfig, type QueryOptions } from './request.js';
import type { AllocFileInfo } from './types-client.js';

export interface LogsOptions {
  /** `stdout` (default) or `stderr`. */
  type?: 'stdout' | 'stderr';
  follow?: boolean;
  origin?: 'start' | 'end';
  /** Bytes from the origin. */
  offset?: number;
  signal?: AbortSignal;
}

export class ClientFsApi {
  constructor(private readonly config: ClientConfig) {}

  /** A task's logs as raw bytes (`plain=true`), streamed while following. */
  logs(allocID: string, task: string, o: LogsOptions = {}): Promise<AsyncIterable<Uint8Array>> {
    const params: Record<string, string> = {
      task,
      type: o.type ?? 'stdout',
      plain: 'true',
      origin: o.origin ?? 'start',
      offset: String(o.offset ?? 0),
    };
    if (o.follow) params.follow = 'true';
    return this.stream(`/v1/client/fs/logs/${seg(allocID)}`, params, o.signal);
  }

  ls(allocID: string, path: string, q: QueryOptions = {}) {
    return request<AllocFileInfo[]>(this.config, 'GET', `/v1/client/fs/ls/${seg(allocID)}`, {
      ...q,
      params: { path, ...q.params },
    });
  }

  stat(allocID: string, path: string, q: QueryOptions = {}) {
    return request<AllocFileInfo>(this.config, 'GET', `/v1/client/fs/stat/${seg(allocID)}`, {
      ...q,
      params: { path, ...q.params },
    });
  }

  /** A file's bytes (all of them, or `limit` bytes from `offset`). */
  cat(allocID: string, path: string, range?: { offset: number; limit: number }) {
    return range
      ? this.stream(`/v1/client/fs/readat/${seg(allocID)}`, {
          path,
          offset: String(range.offset),
          limit: String(range.limit),
        })
      : this.stream(`/v1/client/fs/cat/${seg(allocID)}`, { path });
  }

  stats(allocID: string) {
    return request<Record<string, unknown>>(
      this.config,
      'GET',
      `/v1/client/allocation/${seg(allocID)}/stats`,
    );
  }

  hostStats() {
    return request<Record<string, unknown>>(this.config, 'GET', '/v1/client/stats');
  }

  restart(allocID: string, task: string, allTasks: boolean) {
    return request<Record<string, never>>(
      this.config,
      'PUT',
      `/v1/client/allocation/${seg(allocID)}/restart`,
      {},
      { TaskName: task, AllTasks: allTasks },
    );
  }

  signal(allocID: string, task: string, signal: string) {
    return request<Record<string, never>>(
      this.config,
      'PUT',
      `/v1/client/allocation/${seg(allocID)}/signal`,
      {},
      { Task: task, Signal: signal },
    );
  }

  private async stream(
    path: string,
    params: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<AsyncIterable<Uint8Array>> {
    const url = buildURL(this.config, path, { params });
    const headers: Record<string, string> = { ...this.config.headers };
    if (this.config.token) headers['X-Nomad-Token'] = this.config.token;
    let res: Response;
    try {
      res = await (this.config.fetch ?? fetch)(url, { headers, signal });
    } catch (e) {
      throw new ApiError(0, fetchFailureText(e));
    }
    if (res.status < 200 || res.status > 299) {
      const text = await res.text();
      throw new ApiError(
        res.status,
        `Unexpected response code: ${res.status} (${text.trim()})`,
        text,
      );
    }
    const body = res.body;
    if (!body) return (async function* () {})();
    return (async function* () {
      const reader = body.getReader();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          yield value;
        }
      } finally {
        reader.releaseLock();
      }
    })();
  }
}
