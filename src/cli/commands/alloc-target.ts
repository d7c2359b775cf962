/**
 * What `alloc logs|fs|restart|signal|stop` share: finding the allocation an ID prefix names
 * (with nomad's wording for these commands), a random allocation of a job (`-job`), and the
 * tasks of the allocation's group.
 */
import { ClientFsApi, type Allocation, type ApiClient } from '../../api/index.js';
import { goQuote } from '../../lib/index.js';
import { uiFor, type CliIO } from '../io.js';
import { formatList } from '../output/columns.js';
import { SHORT_ID, apiErrorText, limit } from './api-helpers.js';
import { allocListOutput } from './job-status.js';
import { sanitizeUUIDPrefix } from './prefix-lookup.js';

/** The client APIs (`/v1/client/*`) of the agent the API client talks to. */
export function clientFs(client: ApiClient): ClientFsApi {
  return new ClientFsApi(client.config);
}

/**
 * The allocation an ID or prefix names, read in full, or the exit status after saying why
 * there is none. As nomad's alloc subcommands do, the prefix is sanitized first, any second
 * match is ambiguous, and "not found" quotes the sanitized prefix.
 */
export async function findAlloc(
  client: ApiClient,
  id: string,
  io: CliIO,
  o: { verbose: boolean; length: number },
): Promise<Allocation | number> {
  const ui = uiFor(io);
  if (id.length === 1) {
    ui.error('Alloc ID must contain at least two characters.');
    return 1;
  }
  const prefix = sanitizeUUIDPrefix(id);
  let stubs;
  try {
    stubs = (await client.allocations.list({ prefix })).data ?? [];
  } catch (e) {
    ui.error(`Error querying allocation: ${apiErrorText(e, client)}`);
    return 1;
  }
  const first = stubs[0];
  if (!first) {
    ui.error(`No allocation(s) with prefix or id ${goQuote(prefix)} found`);
    return 1;
  }
  if (stubs.length > 1) {
    const table = allocListOutput(stubs, o.verbose, o.length, Date.now());
    ui.error(`Prefix matched multiple allocations\n\n${table}`);
    return 1;
  }
  try {
    return (await client.allocations.info(first.ID, { namespace: first.Namespace })).data;
  } catch (e) {
    ui.error(`Error querying allocation: ${apiErrorText(e, client)}`);
    return 1;
  }
}

/**
 * A random allocation of the job, preferring running ones (nomad's getRandomJobAllocID); the
 * error text follows "Error fetching allocations: ".
 */
export async function randomJobAllocID(
  client: ApiClient,
  jobID: string,
  random: () => number = Math.random,
): Promise<{ id: string } | { error: string }> {
  let allocs;
  try {
    allocs = (await client.jobs.allocations(jobID)).data ?? [];
  } catch (e) {
    return { error: `error querying job ${goQuote(jobID)}: ${apiErrorText(e, client)}` };
  }
  if (allocs.length === 0)
    return { error: `job ${goQuote(jobID)} doesn't exist or it has no allocations` };
  const running = allocs.filter((a) => a.ClientStatus === 'running');
  const pool = running.length > 0 ? running : allocs;
  return { id: pool[Math.floor(random() * pool.length)]!.ID };
}

/**
 * The allocation a command's first argument names: an allocation ID or prefix, or with `-job`
 * a job whose random allocation is taken (randomJobAllocID); the exit status when there is none.
 */
export async function targetAlloc(
  client: ApiClient,
  arg: string,
  byJob: boolean,
  io: CliIO,
  o: { verbose: boolean; length: number },
): Promise<Allocation | number> {
  let allocID = arg;
  if (byJob) {
    const picked = await randomJobAllocID(client, arg);
    if ('error' in picked) {
      uiFor(io).error(`Error fetching allocations: ${picked.error}`);
      return 1;
    }
    allocID = picked.id;
  }
  return findAlloc(client, allocID, io, o);
}

/** The task names of the allocation's group, or nomad's error when the group is unknown. */
function groupTasks(alloc: Allocation): string[] | Error {
  const group = (alloc.Job?.TaskGroups ?? []).find((g) => g.Name === alloc.TaskGroup);
  if (!group) return new Error(`Could not find allocation task group: ${alloc.TaskGroup}`);
  return ((group.Tasks ?? []) as { Name?: string }[]).map((t) => t.Name ?? '');
}

/** Nomad's validateTaskExistsInAllocation: undefined when the task is in the group. */
export function validateTask(task: string, alloc: Allocation): Error | undefined {
  const names = groupTasks(alloc);
  if (names instanceof Error) return names;
  if (names.includes(task)) return undefined;
  return new Error(`Could not find task named: ${task}, found:\n${formatList(names)}`);
}

/** The only task of the allocation's group, or nomad's error listing them. */
export function onlyTask(alloc: Allocation): string | Error {
  const names = groupTasks(alloc);
  if (names instanceof Error) return names;
  if (names.length === 1) return names[0]!;
  const list = names.map((n) => `  * ${n}\n`).join('');
  return new Error(
    `Allocation ${goQuote(limit(alloc.ID, SHORT_ID))} is running the following tasks:\n` +
      `${list}\nPlease specify the task.`,
  );
}
