/**
 * Nomad's drain monitor (`node drain` without -detach, `node drain -monitor`): two watchers
 * with blocking queries, one on the node (until its drain strategy is gone) and one on its
 * allocations (until none is pending or running), each printing what changes as
 * "<time>: <message>". It ends when both are done, or at the first error.
 *
 * Nomad reports "No drain strategy set" when the first answer about the node has no strategy;
 * here the monitor starts from a write that set one (or from a node that has one), so a node
 * without a strategy always means the drain is over, however fast it went.
 */
import type { Allocation, ApiClient, Node, NodeDrainStrategy } from '../../api/index.js';
import { goQuote } from '../../lib/index.js';
import type { CliIO } from '../io.js';
import { apiErrorText, formatTime } from './api-helpers.js';

/** How long one blocking query may wait, in milliseconds. */
const BLOCK_WAIT_MS = 60_000;
/** The pause before asking again when the agent did not block (the index did not move). */
const POLL_MS = 1000;

export interface DrainMonitorOptions {
  /** The index the node watch blocks from (the drain write's, or the node read's). */
  index: number;
  /** Do not wait for system jobs' allocations (-ignore-system). */
  ignoreSystem: boolean;
  /** The clock, in milliseconds; Date.now when not given. */
  now?: () => number;
}

type Level = 'normal' | 'info' | 'warn' | 'error';

/** Follows the drain of `nodeID` until it is over; resolves when the monitor ends. */
export async function monitorDrain(
  client: ApiClient,
  nodeID: string,
  io: CliIO,
  opts: DrainMonitorOptions,
): Promise<void> {
  const now = opts.now ?? Date.now;
  let failed!: () => void;
  const failure = new Promise<void>((resolve) => (failed = resolve));
  // Ends the other watch's blocking query when one fails, so that nothing is left waiting.
  const abort = new AbortController();
  const signal = abort.signal;
  let stopped = false;
  const emit = (level: Level, msg: string): void => {
    if (stopped) return;
    const line = `${formatTime(now())}: ${msg}\n`;
    if (level === 'warn' || level === 'error') io.stderr.write(line);
    else io.stdout.write(line);
    if (level === 'error') {
      stopped = true;
      failed();
    }
  };
  const done = Promise.all([
    watchNode(client, nodeID, opts.index, emit, signal),
    watchAllocs(client, nodeID, opts.ignoreSystem, emit, signal),
  ]).then(() => undefined);
  await Promise.race([done, failure]);
  stopped = true;
  abort.abort();
}

async function watchNode(
  client: ApiClient,
  nodeID: string,
  index: number,
  emit: (level: Level, msg: string) => void,
  signal: AbortSignal,
): Promise<void> {
  let last: NodeDrainStrategy | null = null;
  while (!signal.aborted) {
    let node: Node;
    let next: number;
    try {
      const r = await client.nodes.info(nodeID, {
        index,
        waitMs: BLOCK_WAIT_MS,
        stale: true,
        signal,
      });
      node = r.data;
      next = r.meta.lastIndex;
    } catch (e) {
      emit('error', `Error monitoring node: ${apiErrorText(e, client)}`);
      return;
    }
    const strategy = node.DrainStrategy ?? null;
    if (!strategy) {
      emit('info', `Node ${goQuote(nodeID)} has marked all allocations for migration`);
      return;
    }
    if (node.Status === 'down') emit('warn', `Node ${goQuote(nodeID)} down`);
    if (last && !sameStrategy(last, strategy)) {
      emit('info', `Node ${goQuote(nodeID)} drain updated: ${strategyText(strategy)}`);
    }
    last = strategy;
    if (next <= index) await sleep(POLL_MS);
    index = next;
  }
}

async function watchAllocs(
  client: ApiClient,
  nodeID: string,
  ignoreSystem: boolean,
  emit: (level: Level, msg: string) => void,
  signal: AbortSignal,
): Promise<void> {
  const seen = new Map<string, Allocation>();
  let index = 0;
  let first = true;
  while (!signal.aborted) {
    let allocs: Allocation[];
    let next: number;
    try {
      const r = await client.nodes.allocations(
        nodeID,
        first ? { stale: true, signal } : { index, waitMs: BLOCK_WAIT_MS, stale: true, signal },
      );
      allocs = [...(r.data ?? [])].sort((a, b) => b.CreateIndex - a.CreateIndex);
      next = r.meta.lastIndex;
    } catch (e) {
      emit('error', `Error monitoring allocations: ${apiErrorText(e, client)}`);
      return;
    }
    let running = 0;
    for (const a of allocs) {
      const orig = seen.get(a.ID);
      seen.set(a.ID, a);
      const msg = orig ? change(orig, a) : '';
      if (msg !== '') emit('normal', `Alloc ${goQuote(a.ID)} ${msg}`);
      const type = a.Job?.Type;
      if (!type || (ignoreSystem && type === 'system')) continue;
      if (a.ClientStatus === 'pending' || a.ClientStatus === 'running') running++;
    }
    if (running === 0) {
      emit('info', `All allocations on node ${goQuote(nodeID)} have stopped.`);
      return;
    }
    if (!first && next <= index) await sleep(POLL_MS);
    first = false;
    index = next;
  }
}

/** What changed in an allocation that the drain cares about ('' for nothing). */
function change(orig: Allocation, a: Allocation): string {
  const migrating = a.DesiredTransition?.Migrate === true;
  if (orig.ClientStatus !== a.ClientStatus)
    return `status ${orig.ClientStatus} -> ${a.ClientStatus}`;
  if (migrating && orig.DesiredTransition?.Migrate !== true) return 'marked for migration';
  if (migrating && orig.DesiredStatus !== a.DesiredStatus && a.DesiredStatus === 'stop') {
    return 'draining';
  }
  return '';
}

function sameStrategy(a: NodeDrainStrategy, b: NodeDrainStrategy): boolean {
  return (
    a.Deadline === b.Deadline &&
    a.IgnoreSystemJobs === b.IgnoreSystemJobs &&
    (a.ForceDeadline ?? '') === (b.ForceDeadline ?? '')
  );
}

/** Nomad's DrainStrategy.String(), with the deadline as Go prints a UTC time. */
export function strategyText(s: NodeDrainStrategy): string {
  const at = goTimeString(s.ForceDeadline ?? '');
  return s.IgnoreSystemJobs
    ? `drain ignoring system jobs and deadline at ${at}`
    : `drain with deadline at ${at}`;
}

/** Go's Time.String() of an RFC 3339 time decoded as UTC: "2024-05-01 11:00:00 +0000 UTC". */
export function goTimeString(rfc3339: string): string {
  const m = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(rfc3339);
  const ms = m ? Date.parse(rfc3339) : NaN;
  if (!m || Number.isNaN(ms)) return '0001-01-01 00:00:00 +0000 UTC';
  const iso = new Date(ms).toISOString();
  const frac = (m[1] ?? '').replace(/\.?0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac} +0000 UTC`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
