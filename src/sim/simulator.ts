/**
 * The node simulator (like nomad-nodesim): N simulated nodes on the server's node interface.
 * It registers them, keeps them heartbeating, and plays their client: allocations the server
 * places are reported running (or failed, at the profile's rate), and allocations it stops are
 * reported complete. One blocking watch covers a whole group of nodes, so thousands of nodes
 * need only a few watches. It is for tests and benchmarks, never in place of the real client.
 */
import { randomUUID } from 'node:crypto';
import type { Allocation, ClientAllocUpdate, Node, NodeRpc } from '../structs/index.js';
import { simNode } from './node-factory.js';
import { DEFAULT_PROFILE, type SimProfile } from './profile.js';

export interface SimulatorOptions {
  nodes: number;
  profile?: SimProfile;
  /** Seeds node attributes and failures, so the same seed gives the same cluster. */
  seed?: number;
  newID?: () => string;
  /** Nodes per blocking watch (default 1,000). */
  watchGroupSize?: number;
  /** Registrations in flight at once (default 64). */
  registerConcurrency?: number;
  /** Client updates per call (default 1,000). */
  updateBatch?: number;
  /** Least time between two watch answers of a group, so updates are batched (default 50 ms). */
  minWatchIntervalMs?: number;
  /** Called with (registered, total) while nodes register. */
  onRegister?: (done: number, total: number) => void;
  onError?: (what: string, err: unknown) => void;
}

export interface SimulatorStats {
  nodes: number;
  running: number;
  failed: number;
  completed: number;
  heartbeats: number;
}

/** A small seeded PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Simulator {
  readonly nodes: Node[] = [];
  private readonly opts: Required<Omit<SimulatorOptions, 'onRegister' | 'profile' | 'seed'>> &
    Pick<SimulatorOptions, 'onRegister'>;
  private readonly profile: SimProfile;
  private readonly random: () => number;
  private readonly abort = new AbortController();
  private readonly due = new Map<string, number>();
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private readonly loops: Promise<void>[] = [];
  private readonly stats_: SimulatorStats = {
    nodes: 0,
    running: 0,
    failed: 0,
    completed: 0,
    heartbeats: 0,
  };
  /** The client status last reported per alloc, so nothing is reported twice. */
  private readonly reported = new Map<string, Allocation['ClientStatus']>();

  constructor(
    private readonly service: NodeRpc,
    opts: SimulatorOptions,
  ) {
    this.profile = opts.profile ?? DEFAULT_PROFILE;
    this.random = seededRandom(opts.seed ?? 1);
    this.opts = {
      nodes: opts.nodes,
      newID: opts.newID ?? randomUUID,
      watchGroupSize: opts.watchGroupSize ?? 1000,
      registerConcurrency: opts.registerConcurrency ?? 64,
      updateBatch: opts.updateBatch ?? 1000,
      minWatchIntervalMs: opts.minWatchIntervalMs ?? 50,
      onRegister: opts.onRegister,
      onError: opts.onError ?? ((what, err) => console.error(`sim: ${what}:`, err)),
    };
  }

  /** Registers every node, then starts heartbeats and the client loops. */
  async start(): Promise<void> {
    const now = Date.now() * 1e6;
    for (let i = 0; i < this.opts.nodes; i++) {
      this.nodes.push(
        simNode({
          index: i,
          id: this.opts.newID(),
          secretID: this.opts.newID(),
          profile: this.profile,
          random: this.random,
          now,
        }),
      );
    }
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < this.nodes.length) {
        const node = this.nodes[next++] as Node;
        const r = await this.service.register(node);
        this.schedule(node.ID, r.HeartbeatTTL);
        done++;
        this.stats_.nodes = done;
        this.opts.onRegister?.(done, this.nodes.length);
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(this.opts.registerConcurrency, this.nodes.length) }, worker),
    );
    this.heartbeatTimer = setInterval(() => this.heartbeatDue(), 1000);
    this.heartbeatTimer.unref();
    for (let i = 0; i < this.nodes.length; i += this.opts.watchGroupSize) {
      const ids = this.nodes.slice(i, i + this.opts.watchGroupSize).map((n) => n.ID);
      this.loops.push(this.clientLoop(ids));
    }
  }

  async stop(): Promise<void> {
    this.abort.abort();
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    await Promise.allSettled(this.loops);
  }

  stats(): SimulatorStats {
    return { ...this.stats_ };
  }

  /** Heartbeat again at half the TTL, as Nomad's client does (with margin). */
  private schedule(nodeID: string, ttlMs: number): void {
    if (ttlMs > 0) this.due.set(nodeID, Date.now() + ttlMs / 2);
  }

  private heartbeatDue(): void {
    const now = Date.now();
    for (const node of this.nodes) {
      const at = this.due.get(node.ID);
      if (at === undefined || at > now) continue;
      this.due.delete(node.ID);
      this.service.heartbeat(node.ID, node.SecretID).then(
        (r) => {
          this.stats_.heartbeats++;
          this.schedule(node.ID, r.HeartbeatTTL);
        },
        (e) => {
          if (!this.abort.signal.aborted) this.opts.onError('heartbeat', e);
          this.schedule(node.ID, 2000);
        },
      );
    }
  }

  /** Plays the client for a group of nodes: watch their allocations, report what happened. */
  private async clientLoop(nodeIDs: string[]): Promise<void> {
    let index = 0;
    const signal = this.abort.signal;
    while (!signal.aborted) {
      const started = Date.now();
      try {
        const r = await this.service.watchAllocs(nodeIDs, index, 60_000, signal, {
          changedOnly: true,
        });
        if (signal.aborted) return;
        const updates = this.react(r.Allocs, index);
        index = r.Index;
        for (let i = 0; i < updates.length; i += this.opts.updateBatch) {
          await this.service.updateAllocs(updates.slice(i, i + this.opts.updateBatch));
        }
      } catch (e) {
        if (signal.aborted) return;
        this.opts.onError('client loop', e);
        await sleep(1000, signal);
      }
      const wait = this.opts.minWatchIntervalMs - (Date.now() - started);
      if (wait > 0) await sleep(wait, signal);
    }
  }

  /** What the simulated clients report for allocations that changed since `since`. */
  private react(allocs: Record<string, Allocation[]>, since: number): ClientAllocUpdate[] {
    const updates: ClientAllocUpdate[] = [];
    for (const list of Object.values(allocs)) {
      for (const a of list) {
        // Unchanged since the last answer, which listed it (an answer holds every
        // allocation of its nodes up to its index): already handled.
        if (a.ModifyIndex <= since) continue;
        const last = this.reported.get(a.ID);
        if (a.DesiredStatus === 'run' && a.ClientStatus === 'pending' && last === undefined) {
          const failed = this.random() < this.profile.failRate;
          const status = failed ? 'failed' : 'running';
          updates.push({
            ID: a.ID,
            ClientStatus: status,
            ClientDescription: failed ? 'simulated failure' : '',
            TaskStates: null,
          });
          this.reported.set(a.ID, status);
          if (failed) this.stats_.failed++;
          else this.stats_.running++;
        } else if (
          a.DesiredStatus !== 'run' &&
          (a.ClientStatus === 'pending' || a.ClientStatus === 'running') &&
          last !== 'complete'
        ) {
          updates.push({
            ID: a.ID,
            ClientStatus: 'complete',
            ClientDescription: 'stopped',
            TaskStates: null,
          });
          this.reported.set(a.ID, 'complete');
          this.stats_.completed++;
        }
      }
    }
    return updates;
  }
}

/** Waits `ms`, or less if `signal` aborts first; does not hold the process open. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    t.unref();
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
