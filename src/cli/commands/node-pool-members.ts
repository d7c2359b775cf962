/**
 * What `node pool jobs` and `node pool nodes` share: one argument naming a pool (a prefix
 * resolves), a filtered and paged listing of its members, `-json`/`-t`, and nomad's paging hint.
 */
import type { ApiClient, ApiResult, QueryOptions } from '../../api/index.js';
import { commandErrorText, type Command } from '../command.js';
import type { CliIO } from '../io.js';
import { uiFor } from '../io.js';
import { formatData } from '../output/data-format.js';
import { apiErrorText, clientFor } from './api-helpers.js';
import { resolveNodePool } from './node-pool-info.js';
import { commandLineWithoutPageToken } from './node-pool-list.js';
import type { GeneralFlagValues } from '../general-options.js';

export interface PoolMemberValues extends GeneralFlagValues {
  json: boolean;
  t: string;
  filter: string;
  'per-page': number;
  'page-token': string;
}

export interface PoolMembers<T> {
  command: Command;
  /** "jobs" or "nodes": the error and empty-list wording. */
  noun: string;
  list(client: ApiClient, pool: string, q: QueryOptions): Promise<ApiResult<T[]>>;
  table(items: T[]): string;
  /** nomad's paging hint text differs between the two commands (a leading space for jobs). */
  pageHint(commandLine: string, token: string): string;
}

export async function listPoolMembers<T>(
  how: PoolMembers<T>,
  v: PoolMemberValues,
  poolArgs: string[],
  args: string[],
  io: CliIO,
): Promise<number> {
  const ui = uiFor(io);
  if (poolArgs.length !== 1) {
    ui.error('This command takes one argument: <node-pool>');
    ui.error(commandErrorText(how.command));
    return 1;
  }
  const client = clientFor(v, io);
  const pool = await resolveNodePool(client, poolArgs[0]!, io);
  if (typeof pool === 'number') return pool;
  let items: T[];
  let nextToken: string;
  try {
    const r = await how.list(client, pool.Name, {
      filter: v.filter,
      perPage: v['per-page'],
      nextToken: v['page-token'],
    });
    items = r.data ?? [];
    nextToken = r.meta.nextToken;
  } catch (e) {
    ui.error(`Error querying ${how.noun}: ${apiErrorText(e, client)}`);
    return 1;
  }
  if (items.length === 0) {
    ui.output(`No ${how.noun}`);
    return 0;
  }
  if (v.json || v.t !== '') {
    const out = formatData(v.json, v.t, items);
    if ('error' in out) {
      ui.error(out.error);
      return 1;
    }
    ui.output(out.out);
    return 0;
  }
  ui.output(how.table(items));
  if (nextToken !== '') {
    ui.output(how.pageHint(commandLineWithoutPageToken(how.command.name, args), nextToken));
  }
  return 0;
}
