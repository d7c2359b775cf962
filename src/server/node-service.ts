/**
 * The server's side of the client protocol (Nomad's nomad/node_endpoint.go): registration,
 * heartbeats, status, eligibility and drain changes, client allocation updates, and the
 * blocking query clients (and the simulator) use to learn their allocations.
 */
import type { StateReader, StateStore, WriteBatch, WriteOp } from '../state/index.js';
import type {
  Allocation,
  AllocsWatchResult,
  ClientAllocUpdate,
  DrainStrategy,
  Evaluation,
  Node,
  NodeEligibility,
  NodeEvent,
  NodeRpc,
  NodeStatus,
  NodeUpdateResponse,
  WatchAllocsOptions,
} from '../structs/index.js';
import { NODE_POOL_ALL, allocClientTerminal, nodePoolNameError } from '../structs/index.js';
import type { Clock } from './clock.js';
import { msToNs } from './clock.js';
import { ServerError } from './errors.js';
import { newJobEval } from './eval-factory.js';
import type { Heartbeats } from './heartbeat.js';
import { computeNodeClass, nodeUpdateEvals } from './node-evals.js';

/** `node drain -deadline -ignore-system`: Deadline in ns, -1 to force now, 0 for none. */
export interface DrainSpec {
  Deadline: number;
  IgnoreSystemJobs: boolean;
}

/** The client protocol plus the operator's node calls. */
export interface NodeService extends NodeRpc {
  deregister(nodeIDs: string[]): Promise<NodeUpdateResponse>;
  updateEligibility(nodeID: string, eligibility: NodeEligibility): Promise<NodeUpdateResponse>;
  updateDrain(
    nodeID: string,
    drain: DrainSpec | null,
    markEligible: boolean,
  ): Promise<NodeUpdateResponse>;
}

export interface NodeServiceDeps {
  store: StateStore;
  heartbeats: Heartbeats;
  clock: Clock;
  newID: () => string;
}

const ALLOC_LOST = 'alloc is lost since its node is down';

export class NodeEndpoints implements NodeService {
  /** The index of the last write that changed each node's allocations (see noteWrite). */
  private readonly allocsChanged = new Map<string, number>();

  constructor(private readonly deps: NodeServiceDeps) {}

  async register(input: Node): Promise<NodeUpdateResponse> {
    if (!input.ID || !input.SecretID) {
      throw new ServerError('INVALID_REQUEST', 'node registration needs an ID and a SecretID');
    }
    if (!input.Datacenter) {
      throw new ServerError('INVALID_REQUEST', `node ${input.ID}: missing datacenter`);
    }
    if (input.NodePool) {
      // A pool that does not exist is created by the write; `all` is not a pool to join.
      const problem = nodePoolNameError(input.NodePool);
      if (problem) throw new ServerError('INVALID_REQUEST', `invalid node pool: ${problem}`);
      if (input.NodePool === NODE_POOL_ALL) {
        throw new ServerError(
          'INVALID_REQUEST',
          `node is not allowed to register in node pool "${NODE_POOL_ALL}"`,
        );
      }
    }
    const state = this.deps.store.snapshot();
    const old = state.node(input.ID);
    if (old && old.SecretID !== input.SecretID) {
      throw new ServerError('NODE_SECRET_MISMATCH', `node ${input.ID}: secret ID does not match`);
    }
    const nowSec = Math.floor(this.deps.clock.now() / 1000);
    const node: Node = {
      ...input,
      NodePool: input.NodePool || 'default',
      Status: input.Status || 'initializing',
      StatusUpdatedAt: nowSec,
      SchedulingEligibility:
        old?.SchedulingEligibility ?? input.SchedulingEligibility ?? 'eligible',
      DrainStrategy: old ? old.DrainStrategy : input.DrainStrategy,
      Drain: old ? old.Drain : input.Drain,
      Events: old?.Events ?? [this.event('Node registered')],
    };
    node.ComputedClass = computeNodeClass(node);
    const index = await this.deps.store.apply({ ops: [{ kind: 'upsert-node', node }] });
    const becameReady = node.Status === 'ready' && old?.Status !== 'ready';
    // A new fingerprint (another class) may change where jobs can run.
    const refingerprinted =
      node.Status === 'ready' && old !== undefined && old.ComputedClass !== node.ComputedClass;
    const res = await this.afterNodeChange(
      node.ID,
      index,
      becameReady || refingerprinted || node.Status === 'down',
    );
    if (node.Status !== 'down') res.HeartbeatTTL = this.deps.heartbeats.reset(node.ID);
    return res;
  }

  async deregister(nodeIDs: string[]): Promise<NodeUpdateResponse> {
    const state = this.deps.store.snapshot();
    const ops: WriteOp[] = [];
    const evals: Evaluation[] = [];
    for (const id of nodeIDs) {
      const node = this.mustNode(state, id);
      this.deps.heartbeats.clear(id);
      ops.push(...this.loseAllocs(state, id));
      evals.push(...nodeUpdateEvals(state, node, this.evalCtx()));
    }
    ops.push({ kind: 'delete-nodes', nodeIDs });
    if (evals.length > 0) ops.push({ kind: 'upsert-evals', evals });
    const index = await this.deps.store.apply({ ops });
    return this.response(index, evals, index);
  }

  async heartbeat(nodeID: string, secretID: string): Promise<NodeUpdateResponse> {
    const node = this.mustNode(this.deps.store.snapshot(), nodeID);
    if (node.SecretID !== secretID) {
      throw new ServerError('NODE_SECRET_MISMATCH', `node ${nodeID}: secret ID does not match`);
    }
    if (node.Status === 'down' || node.Status === 'disconnected') {
      return this.updateStatus(nodeID, 'ready', 'Node reconnected');
    }
    const res = this.response(node.ModifyIndex, [], node.ModifyIndex);
    res.HeartbeatTTL = this.deps.heartbeats.reset(nodeID);
    return res;
  }

  async updateStatus(
    nodeID: string,
    status: NodeStatus,
    event?: string,
  ): Promise<NodeUpdateResponse> {
    const state = this.deps.store.snapshot();
    const node = this.mustNode(state, nodeID);
    const ops: WriteOp[] = [
      {
        kind: 'update-node-status',
        nodeID,
        status,
        updatedAt: Math.floor(this.deps.clock.now() / 1000),
        ...(event || status !== node.Status
          ? { event: this.event(event ?? `Node status changed to ${status}`) }
          : {}),
      },
    ];
    let evals: Evaluation[] = [];
    if (status === 'down') {
      this.deps.heartbeats.clear(nodeID);
      ops.push(...this.loseAllocs(state, nodeID));
      evals = nodeUpdateEvals(state, node, this.evalCtx());
      if (evals.length > 0) ops.push({ kind: 'upsert-evals', evals });
    }
    const index = await this.deps.store.apply({ ops });
    let res = this.response(index, evals, index);
    if (status === 'ready' && node.Status !== 'ready') {
      res = await this.afterNodeChange(nodeID, index, true);
    }
    if (status !== 'down') res.HeartbeatTTL = this.deps.heartbeats.reset(nodeID);
    return res;
  }

  async updateEligibility(
    nodeID: string,
    eligibility: NodeEligibility,
  ): Promise<NodeUpdateResponse> {
    const node = this.mustNode(this.deps.store.snapshot(), nodeID);
    if (eligibility === 'eligible' && node.DrainStrategy) {
      throw new ServerError(
        'INVALID_REQUEST',
        `node ${nodeID}: can not set scheduling eligibility to eligible while it is draining`,
      );
    }
    const index = await this.deps.store.apply({
      ops: [
        {
          kind: 'update-node-eligibility',
          nodeID,
          eligibility,
          updatedAt: Math.floor(this.deps.clock.now() / 1000),
        },
      ],
    });
    const becameEligible = eligibility === 'eligible' && node.SchedulingEligibility !== 'eligible';
    return this.afterNodeChange(nodeID, index, becameEligible);
  }

  async updateDrain(
    nodeID: string,
    spec: DrainSpec | null,
    markEligible: boolean,
  ): Promise<NodeUpdateResponse> {
    const node = this.mustNode(this.deps.store.snapshot(), nodeID);
    const nowNs = msToNs(this.deps.clock.now());
    const drain: DrainStrategy | null = spec
      ? {
          Deadline: spec.Deadline,
          IgnoreSystemJobs: spec.IgnoreSystemJobs,
          ForceDeadline: spec.Deadline > 0 ? nowNs + spec.Deadline : spec.Deadline < 0 ? nowNs : 0,
          StartedAt: nowNs,
        }
      : null;
    const index = await this.deps.store.apply({
      ops: [
        {
          kind: 'update-node-drain',
          nodeID,
          drain,
          markEligible,
          updatedAt: Math.floor(this.deps.clock.now() / 1000),
        },
      ],
    });
    const becameEligible = !drain && markEligible && node.SchedulingEligibility !== 'eligible';
    return this.afterNodeChange(nodeID, index, becameEligible);
  }

  async updateAllocs(updates: ClientAllocUpdate[]): Promise<NodeUpdateResponse> {
    const state = this.deps.store.snapshot();
    // Allocations the server no longer knows (collected) are ignored.
    updates = updates.filter((u) => state.alloc(u.ID) !== undefined);
    if (updates.length === 0) return this.response(state.index, [], state.index);
    const nowNs = msToNs(this.deps.clock.now());
    const evals: Evaluation[] = [];
    const jobsWithEval = new Set<string>();
    for (const u of updates) {
      const cur = state.alloc(u.ID);
      if (!cur || u.ClientStatus !== 'failed' || cur.ClientStatus === 'failed') continue;
      if (cur.DesiredStatus !== 'run') continue;
      const job = state.job(cur.Namespace, cur.JobID);
      const k = `${cur.Namespace}\u0000${cur.JobID}`;
      if (!job || job.Stop || jobsWithEval.has(k)) continue;
      jobsWithEval.add(k);
      evals.push(newJobEval(job, 'alloc-failure', this.evalCtx()));
    }
    const ops: WriteOp[] = [
      {
        kind: 'update-allocs-from-client',
        allocs: updates.map((u) => ({
          ID: u.ID,
          ClientStatus: u.ClientStatus,
          ClientDescription: u.ClientDescription,
          TaskStates: u.TaskStates,
          ModifyTime: nowNs,
        })),
      },
    ];
    if (evals.length > 0) ops.push({ kind: 'upsert-evals', evals });
    const index = await this.deps.store.apply({ ops });
    return this.response(index, evals, index);
  }

  /**
   * Notes which nodes' allocations a write changed (the server calls this for every applied
   * batch), so that a changed-only watch of thousands of nodes skips the others at the cost
   * of a map lookup.
   */
  noteWrite(index: number, batch: WriteBatch, state: StateReader): void {
    const touch = (nodeID: string | undefined) => {
      if (nodeID !== undefined) this.allocsChanged.set(nodeID, index);
    };
    for (const op of batch.ops) {
      if (op.kind === 'upsert-allocs') for (const a of op.allocs) touch(a.NodeID);
      else if (op.kind === 'update-allocs-from-client')
        for (const a of op.allocs) touch(state.alloc(a.ID)?.NodeID);
      else if (op.kind === 'update-alloc-desired-transition')
        for (const id of op.allocIDs) touch(state.alloc(id)?.NodeID);
    }
  }

  async watchAllocs(
    nodeIDs: string[],
    minIndex: number,
    timeoutMs: number,
    signal?: AbortSignal,
    options: WatchAllocsOptions = {},
  ): Promise<AllocsWatchResult> {
    const { store } = this.deps;
    const deadline = Date.now() + timeoutMs;
    const changedOnly = options.changedOnly === true && minIndex > 0;
    for (;;) {
      const state = store.snapshot();
      const index = state.tableIndex('allocs');
      const out: Record<string, Allocation[]> = {};
      let changed = minIndex === 0;
      for (const id of nodeIDs) {
        if (changedOnly) {
          if ((this.allocsChanged.get(id) ?? 0) <= minIndex) continue;
          const list = state.allocsByNodeSince(id, minIndex);
          if (list.length === 0) continue;
          out[id] = list;
          changed = true;
          continue;
        }
        const list = state.allocsByNode(id);
        out[id] = list;
        if (!changed && index > minIndex) changed = list.some((a) => a.ModifyIndex > minIndex);
      }
      const left = deadline - Date.now();
      // Wake only for changes to the watched nodes' allocations (as a client's query does).
      if (changed || left <= 0 || signal?.aborted)
        return { Index: Math.max(1, index), Allocs: out };
      await store.waitFor(['allocs'], Math.max(index, minIndex), left, signal);
    }
  }

  /** Called by the heartbeat timers: the node missed its TTL. */
  async heartbeatExpired(nodeID: string): Promise<void> {
    const node = this.deps.store.snapshot().node(nodeID);
    if (!node || node.Status === 'down') return;
    await this.updateStatus(nodeID, 'down', 'Node heartbeat missed');
  }

  /** Gives every known live node a first TTL (on becoming leader). */
  initHeartbeats(failoverTTLMs: number): void {
    for (const n of this.deps.store.snapshot().nodes()) {
      if (n.Status !== 'down') this.deps.heartbeats.resetWithTTL(n.ID, failoverTTLMs);
    }
  }

  /** Writes node-update evals when the change can affect placements. */
  private async afterNodeChange(
    nodeID: string,
    index: number,
    createEvals: boolean,
  ): Promise<NodeUpdateResponse> {
    if (!createEvals) return this.response(index, [], index);
    const state = this.deps.store.snapshot();
    const node = state.node(nodeID);
    if (!node) return this.response(index, [], index);
    const evals = nodeUpdateEvals(state, node, this.evalCtx());
    if (evals.length === 0) return this.response(index, [], index);
    const evalIndex = await this.deps.store.apply({ ops: [{ kind: 'upsert-evals', evals }] });
    return this.response(evalIndex, evals, index);
  }

  /** Marks the node's running allocations lost (the scheduler replaces them). */
  private loseAllocs(state: StateReader, nodeID: string): WriteOp[] {
    const nowNs = msToNs(this.deps.clock.now());
    const lost = state
      .allocsByNode(nodeID)
      .filter((a) => !allocClientTerminal(a))
      .map((a): Allocation => ({
        ...a,
        DesiredStatus: 'stop',
        DesiredDescription: ALLOC_LOST,
        ClientStatus: 'lost',
        ClientDescription: ALLOC_LOST,
        ModifyTime: nowNs,
      }));
    return lost.length > 0 ? [{ kind: 'upsert-allocs', allocs: lost }] : [];
  }

  private mustNode(state: StateReader, nodeID: string): Node {
    const node = state.node(nodeID);
    if (!node) throw new ServerError('NODE_NOT_FOUND', `node ${nodeID} not found`);
    return node;
  }

  private event(message: string): NodeEvent {
    return {
      Message: message,
      Subsystem: 'Cluster',
      Details: null,
      Timestamp: msToNs(this.deps.clock.now()),
      CreateIndex: 0,
    };
  }

  private evalCtx() {
    return { nowNs: msToNs(this.deps.clock.now()), newID: this.deps.newID };
  }

  private response(index: number, evals: Evaluation[], nodeIndex: number): NodeUpdateResponse {
    return {
      HeartbeatTTL: 0,
      EvalIDs: evals.map((e) => e.ID),
      EvalCreateIndex: evals.length > 0 ? index : 0,
      NodeModifyIndex: nodeIndex,
      Index: index,
    };
  }
}
