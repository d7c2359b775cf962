/**
 * The placement stack (Nomad's GenericStack and SystemStack): candidates -> feasibility
 * (cached per computed class where the checks only read class-level attributes) -> fit
 * (ports, cpu, memory, disk) -> scores -> limit -> max score.
 *
 * Candidates are shuffled once per evaluation; successive placements continue from where the
 * previous one stopped (so a job's placements walk the whole cluster rather than hammering
 * its first nodes). Service jobs score max(2, ceil(log2 N)) nodes per placement, batch jobs
 * 2, system jobs look at one given node. As in Nomad, up to 3 nodes scoring <= 0 are passed
 * over in favour of later ones, and used only if nothing better turns up.
 */
import type { SchedulerConfiguration } from '../state/index.js';
import type { Allocation, AllocMetric, Job, Node, TaskGroup } from '../structs/index.js';
import type { CheckerInput, FeasibilityChecker } from './feasible/checker.js';
import { FEASIBILITY_CHECKERS } from './feasible/registry.js';
import { exhaustNode, filterNode, newMetric, scoreNode } from './metrics.js';
import { preemptionEnabled } from './preemption/config.js';
import { preemptFor, usageWithout, type PreemptAsk } from './preemption/preemptor.js';
import type { NodeUsage, ProposedState } from './proposed.js';
import { assignPorts, type PortOffer } from './rank/ports.js';
import { SCORERS } from './rank/registry.js';
import type { Scorer, ScoreInput } from './rank/scorer.js';
import type { Steer } from './rank/steer.js';
import { groupAsk, nodeCapacity, type GroupAsk, type NodeCapacity } from './resources.js';

const SKIP_THRESHOLD = 0;
const MAX_SKIP = 3;

export interface Selection {
  node: Node;
  score: number;
  ports: Extract<PortOffer, { ok: true }> | null;
  /** Allocations of lower-priority jobs to evict for this placement (null: none). */
  preempted: Allocation[] | null;
}

interface CheckerSet {
  classLevel: FeasibilityChecker[];
  perNode: FeasibilityChecker[];
  /** Computed class -> eligible, for the class-level checkers. */
  cache: Map<string, boolean>;
}

interface GroupStack {
  tg: TaskGroup;
  ask: GroupAsk;
  checks: CheckerSet;
  scorers: Scorer[];
  names: string[];
  /** undefined until the first placement of the group; null when no scorer steers. */
  steering: Steering | null | undefined;
  preemptAsk: PreemptAsk;
}

/** A list of candidates walked round-robin: each placement continues where the last stopped. */
interface Cursor {
  nodes: Node[];
  offset: number;
}

interface Steering {
  steer: Steer;
  buckets: Map<string, Cursor>;
  /** Buckets in which no node was feasible with room (reopened when the plan frees room there). */
  exhausted: Set<string>;
  /** Node ID -> its bucket. */
  keyOf: Map<string, string>;
  /** Candidates in no bucket, tried once every bucket is exhausted. */
  rest: Cursor;
}

const groupKey = (a: Allocation) => `${a.Namespace}\u0000${a.JobID}\u0000${a.TaskGroup}`;

function splitCheckers(list: FeasibilityChecker[]): CheckerSet {
  return {
    classLevel: list.filter((c) => c.classLevel),
    perNode: list.filter((c) => !c.classLevel),
    cache: new Map(),
  };
}

export interface StackOptions {
  job: Job;
  config: SchedulerConfiguration;
  proposed: ProposedState;
  random: () => number;
  nodeByID: (id: string) => Node | undefined;
  /** Candidate nodes in the order to try them (shuffled for service and batch jobs). */
  nodes: Node[];
  /** How many feasible, fitting nodes to score per placement. */
  limit: number;
}

export class Stack {
  private readonly main: Cursor;
  /** Each scorer's score of the node being ranked, for ScoreMetaData. */
  private readonly values: (number | null)[] = [];
  private readonly jobChecks: CheckerSet;
  private readonly groups = new Map<string, GroupStack>();
  /** Computed class -> eligible for at least one group (for blocked evals). */
  readonly classEligibility = new Map<string, boolean>();
  /** True when some constraint reads unique node attributes (blocked evals then wake on any node). */
  escaped = false;
  private readonly scoreInput: ScoreInput;
  /** Whether the scheduler configuration lets this job's type preempt. */
  readonly preemption: boolean;
  /** Per namespace/job/group of other jobs: allocations the plan preempts so far. */
  private readonly preemptedCounts = new Map<string, number>();

  constructor(private readonly opts: StackOptions) {
    this.main = { nodes: opts.nodes, offset: 0 };
    this.jobChecks = splitCheckers(this.create('job', null));
    this.scoreInput = {
      node: undefined as unknown as Node,
      capacity: undefined as unknown as ScoreInput['capacity'],
      usage: undefined as unknown as ScoreInput['usage'],
      cpuAfter: 0,
      memoryAfter: 0,
      penaltyNodes: null,
      preempted: null,
    };
    this.preemption = preemptionEnabled(opts.config, opts.job.Type);
  }

  private create(stage: 'job' | 'group', tg: TaskGroup | null): FeasibilityChecker[] {
    const input: CheckerInput = {
      job: this.opts.job,
      tg,
      proposed: this.opts.proposed,
      nodeByID: this.opts.nodeByID,
    };
    const out: FeasibilityChecker[] = [];
    for (const f of FEASIBILITY_CHECKERS) {
      if (f.stage !== stage) continue;
      for (const c of f.create(input)) {
        if (!c.classLevel && !c.dynamic) this.escaped = true;
        out.push(c);
      }
    }
    return out;
  }

  private group(tg: TaskGroup): GroupStack {
    let g = this.groups.get(tg.Name);
    if (!g) {
      const scorers: Scorer[] = [];
      const { job, config, proposed, nodeByID } = this.opts;
      for (const f of SCORERS) {
        const s = f.create({ job, tg, config, proposed, nodeByID });
        if (s) scorers.push(s);
      }
      const ask = groupAsk(tg);
      const staticPorts: number[] = [];
      for (const n of ask.groupNetworks)
        for (const p of n.ReservedPorts ?? []) staticPorts.push(p.Value);
      for (const t of ask.taskNetworks)
        for (const n of t.networks)
          for (const p of n.ReservedPorts ?? []) staticPorts.push(p.Value);
      g = {
        tg,
        ask,
        preemptAsk: { cpu: ask.cpu, memory: ask.memory, disk: ask.disk, staticPorts },
        checks: splitCheckers(this.create('group', tg)),
        scorers,
        names: scorers.map((s) => s.name),
        steering: undefined,
      };
      this.groups.set(tg.Name, g);
    }
    return g;
  }

  private passes(set: CheckerSet, node: Node, metric: AllocMetric): boolean {
    const cls = node.ComputedClass;
    if (set.classLevel.length > 0) {
      const cached = cls !== '' ? set.cache.get(cls) : undefined;
      if (cached === false) {
        filterNode(metric, node, 'computed class ineligible');
        return false;
      }
      if (cached === undefined) {
        for (const c of set.classLevel) {
          const reason = c.check(node);
          if (reason !== null) {
            if (cls !== '') set.cache.set(cls, false);
            filterNode(metric, node, reason);
            return false;
          }
        }
        if (cls !== '') set.cache.set(cls, true);
      }
    }
    for (const c of set.perNode) {
      const reason = c.check(node);
      if (reason !== null) {
        filterNode(metric, node, reason);
        return false;
      }
    }
    return true;
  }

  private feasible(g: GroupStack, node: Node, metric: AllocMetric): boolean {
    const ok = this.passes(this.jobChecks, node, metric) && this.passes(g.checks, node, metric);
    const cls = node.ComputedClass;
    if (cls !== '' && (ok || !this.classEligibility.get(cls))) {
      const jobOk = this.jobChecks.cache.get(cls) !== false;
      const tgOk = g.checks.cache.get(cls) !== false;
      if (jobOk && tgOk) this.classEligibility.set(cls, true);
      else if (!this.classEligibility.has(cls)) this.classEligibility.set(cls, false);
    }
    return ok;
  }

  /** Whether the group fits on the node at usage `u`: its ports, or the dimension that is short. */
  private fit(
    g: GroupStack,
    node: Node,
    cap: NodeCapacity,
    u: NodeUsage,
  ): Selection['ports'] | string {
    const ask = g.ask;
    let ports: Selection['ports'] = null;
    if (ask.hasPorts) {
      const ip = node.Attributes?.['unique.network.ip-address'] ?? '';
      const offer = assignPorts(ask, cap, u, this.opts.random, ip);
      if (!offer.ok) return offer.dimension;
      ports = offer;
    }
    if (u.cpu + ask.cpu > cap.cpu) return 'cpu';
    if (u.memory + ask.memory > cap.memory) return 'memory';
    if (u.disk + ask.disk > cap.disk) return 'disk';
    return ports;
  }

  /**
   * Checks fit and scores one feasible node; null when it has no room (recorded in metric).
   * With `preempt`, a node without room is offered room by evicting lower-priority allocations.
   */
  private rank(
    g: GroupStack,
    node: Node,
    metric: AllocMetric,
    penaltyNodes: ReadonlySet<string> | null,
    preempt = false,
  ): Selection | null {
    let u = this.opts.proposed.usage(node.ID);
    const cap = nodeCapacity(node);
    let ports = this.fit(g, node, cap, u);
    let preempted: Allocation[] | null = null;
    if (typeof ports === 'string' && preempt) {
      const victims = this.victims(g, node, cap, u);
      if (victims !== null) {
        const after = usageWithout(u, victims);
        const retry = this.fit(g, node, cap, after);
        if (typeof retry !== 'string') {
          u = after;
          ports = retry;
          preempted = victims;
        }
      }
    }
    if (typeof ports === 'string') {
      exhaustNode(metric, node, ports);
      return null;
    }
    const ask = g.ask;
    const cpuAfter = u.cpu + ask.cpu;
    const memAfter = u.memory + ask.memory;
    const si = this.scoreInput;
    si.node = node;
    si.capacity = cap;
    si.usage = u;
    si.cpuAfter = cpuAfter;
    si.memoryAfter = memAfter;
    si.penaltyNodes = penaltyNodes;
    si.preempted = preempted;
    let sum = 0;
    let n = 0;
    const values = this.values;
    for (let k = 0; k < g.scorers.length; k++) {
      const v = g.scorers[k]!.score(si);
      values[k] = v;
      if (v !== null) {
        sum += v;
        n++;
      }
    }
    const score = n > 0 ? sum / n : 0;
    scoreNode(metric, node.ID, score, g.names, values);
    return { node, score, ports, preempted };
  }

  /** What to evict from the node for one placement of the group (see preemption/preemptor.ts). */
  private victims(g: GroupStack, node: Node, cap: NodeCapacity, u: NodeUsage): Allocation[] | null {
    const { job, proposed } = this.opts;
    const candidates = proposed.state
      .allocsByNodeLive(node.ID)
      .filter(
        (a) => !(a.JobID === job.ID && a.Namespace === job.Namespace) && !proposed.isStopping(a.ID),
      );
    if (candidates.length === 0) return null;
    return preemptFor({
      jobPriority: job.Priority,
      ask: g.preemptAsk,
      capacity: cap,
      usage: u,
      candidates,
      preemptedSoFar: (a) => this.preemptedCounts.get(groupKey(a)) ?? 0,
    });
  }

  /** Picks a node for one allocation of the group; null when none is feasible and fits. */
  select(
    tg: TaskGroup,
    metric: AllocMetric,
    penaltyNodes: ReadonlySet<string> | null = null,
  ): Selection | null {
    const g = this.group(tg);
    if (g.steering === undefined) g.steering = this.steering(g);
    const sel =
      g.steering !== null
        ? this.steered(g, g.steering, metric, penaltyNodes)
        : this.walk(g, this.main, metric, penaltyNodes);
    if (sel !== null || !this.preemption) return sel;
    // Nothing has room: walk again, this time offering room by preemption (Nomad's second
    // Select with Preempt set). The failure keeps the first walk's explanation.
    const second = newMetric();
    second.NodesInPool = metric.NodesInPool;
    second.NodesAvailable = metric.NodesAvailable;
    const pre = this.walk(g, this.main, second, penaltyNodes, true);
    if (pre !== null) Object.assign(metric, second);
    return pre;
  }

  /*
   * Why steering, and not Nomad's limit. Nomad scores max(count, 100) nodes for each placement
   * of a group with affinities or spread blocks, so that the few nodes a preference wants are
   * among those scored: a spread group of 1,000 then costs 1,000 node scorings per placement,
   * 75 times what a plain group costs on 5,000 nodes. Yet what those scorings look for is
   * known before any node is scored. An affinity score depends only on the node (on its
   * computed class, unless a target reads a unique attribute), and a spread score only on the
   * node's attribute value and on the running count of the group's allocations per value.
   *
   * So the steering scorer (spread when the group has both, else affinity) sorts the shuffled
   * candidates once per evaluation into buckets: by affinity score, or by the value of the
   * spread's lead attribute. Each placement asks it for the bucket it wants most (the highest
   * affinity score; the value furthest below its target, or the least used value of an even
   * spread) and scores the usual limit of nodes from that bucket, with every scorer, so bin
   * packing still chooses among them. A bucket in which nothing is feasible with room is
   * marked exhausted for the evaluation (until the plan stops an allocation on one of its nodes)
   * and the next one is tried; nodes in no bucket (lacking the attribute) come last. Per
   * placement this costs the same as a plain group: a handful of bucket choices (amortized O(1)
   * for an even spread over many values) and `limit` scorings; the buckets cost O(candidates)
   * once per evaluation, like the candidate list itself, and feasibility stays cached per
   * computed class. Unlike Nomad, a node of a less wanted bucket cannot win on bin packing
   * while the wanted bucket has room: preferences are followed while capacity lasts.
   */
  private steering(g: GroupStack): Steering | null {
    let steer: Steer | undefined;
    for (const s of g.scorers) if (s.steer) steer = s.steer;
    if (!steer) return null;
    const lists = steer.buckets(this.opts.nodes);
    if (lists === null) return null;
    const buckets = new Map<string, Cursor>();
    const keyOf = new Map<string, string>();
    for (const [key, nodes] of lists) {
      buckets.set(key, { nodes, offset: 0 });
      for (const n of nodes) keyOf.set(n.ID, key);
    }
    const rest = this.opts.nodes.filter((n) => !keyOf.has(n.ID));
    return { steer, buckets, exhausted: new Set(), keyOf, rest: { nodes: rest, offset: 0 } };
  }

  private steered(
    g: GroupStack,
    st: Steering,
    metric: AllocMetric,
    penaltyNodes: ReadonlySet<string> | null,
  ): Selection | null {
    const open = (key: string) => st.buckets.has(key) && !st.exhausted.has(key);
    for (;;) {
      const key = st.steer.pick(open);
      if (key === undefined) break;
      const sel = this.walk(g, st.buckets.get(key)!, metric, penaltyNodes);
      if (sel !== null) return sel;
      st.exhausted.add(key);
    }
    return st.rest.nodes.length > 0 ? this.walk(g, st.rest, metric, penaltyNodes) : null;
  }

  /** Scores up to `limit` feasible nodes with room from the cursor on; the best of them. */
  private walk(
    g: GroupStack,
    cur: Cursor,
    metric: AllocMetric,
    penaltyNodes: ReadonlySet<string> | null,
    preempt = false,
  ): Selection | null {
    const nodes = cur.nodes;
    const total = nodes.length;
    const limit = this.opts.limit;
    let best: Selection | null = null;
    let skipped: Selection[] | null = null;
    let scored = 0;
    for (let seen = 0; seen < total && scored < limit; seen++) {
      const node = nodes[cur.offset]!;
      cur.offset = cur.offset + 1 === total ? 0 : cur.offset + 1;
      metric.NodesEvaluated++;
      if (!this.feasible(g, node, metric)) continue;
      const option = this.rank(g, node, metric, penaltyNodes, preempt);
      if (option === null) continue;
      if (option.score <= SKIP_THRESHOLD && (skipped === null || skipped.length < MAX_SKIP)) {
        (skipped ??= []).push(option);
        continue;
      }
      scored++;
      if (best === null || option.score > best.score) best = option;
    }
    if (skipped !== null) {
      for (const option of skipped) {
        if (scored >= limit) break;
        scored++;
        if (best === null || option.score > best.score) best = option;
      }
    }
    return best;
  }

  /** Checks one given node (system jobs), preempting there when the configuration allows. */
  selectOnNode(tg: TaskGroup, node: Node, metric: AllocMetric): Selection | null {
    const g = this.group(tg);
    metric.NodesEvaluated++;
    if (!this.feasible(g, node, metric)) return null;
    return this.rank(g, node, metric, null, this.preemption);
  }

  /** Feasibility only (no fit), for in-place updates whose resources do not change. */
  feasibleOnNode(tg: TaskGroup, node: Node, metric: AllocMetric): boolean {
    return this.feasible(this.group(tg), node, metric);
  }

  /** Records a placement (and what it preempts) so later placements see it. */
  placed(tg: TaskGroup, node: Node, preempted: readonly Allocation[] | null = null): void {
    if (preempted !== null) {
      for (const a of preempted) {
        this.preemptedCounts.set(groupKey(a), (this.preemptedCounts.get(groupKey(a)) ?? 0) + 1);
      }
    }
    const g = this.group(tg);
    for (const c of g.checks.perNode) c.placed?.(node, tg);
    for (const s of g.scorers) s.placed?.(node);
  }

  /**
   * The plan stops one of the job's allocations (undo: takes the stop back), after the stack
   * was built: counting scorers follow, and room may have been freed.
   */
  stopped(alloc: Allocation, undo = false): void {
    for (const g of this.groups.values()) {
      for (const s of g.scorers) s.stopped?.(alloc, undo);
      const key = undo ? undefined : g.steering?.keyOf.get(alloc.NodeID);
      if (key !== undefined) g.steering!.exhausted.delete(key);
    }
  }
}
