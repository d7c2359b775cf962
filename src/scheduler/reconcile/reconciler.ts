/**
 * The reconciler for service and batch jobs (Nomad's allocReconciler): a pure function from
 * the job, its allocations and the tainted nodes to what must change.
 *
 * Per group it sorts the allocations into: untainted; to migrate (DesiredTransition.Migrate,
 * set by a drain); lost (on a down, disconnected or vanished node); failed and rescheduled now;
 * failed and rescheduled later (a follow-up eval waits for the delay, the alloc records its
 * ID); and ignored (terminal, already replaced, or batch allocations that finished). Then:
 * extras are stopped (highest name index first), missing allocations placed (lost and failed
 * ones replaced under the same name, new ones at the lowest free index), allocations of an
 * older job version updated destructively or in place.
 *
 * Deployments are a later issue: canaries are not placed and update.max_parallel is not
 * applied; every destructive update happens at once. migrate.max_parallel is not applied
 * either: every allocation marked for migration moves in this evaluation.
 */
import type {
  Allocation,
  DesiredUpdates,
  Evaluation,
  Job,
  Node,
  TaskGroup,
} from '../../structs/index.js';
import { allocIndex, allocTerminal, newEvaluation } from '../../structs/index.js';
import { nextRescheduleTime } from './reschedule.js';
import { tasksUpdated } from './tasks-updated.js';

export const ALLOC_NOT_NEEDED = 'alloc not needed due to job update';
export const ALLOC_MIGRATING = 'alloc is being migrated';
export const ALLOC_UPDATING = 'alloc is being updated due to job update';
export const ALLOC_LOST = 'alloc is lost since its node is down';
export const ALLOC_RESCHEDULED = 'alloc was rescheduled because it failed';
export const FOLLOWUP_EVAL_DESC = 'created for delayed rescheduling';

/** Failed allocations due within this window are rescheduled now (ns). */
const RESCHEDULE_WINDOW = 1e9;
/** Failed allocations due within this window of each other share one follow-up eval (ns). */
const FOLLOWUP_BATCH_WINDOW = 5e9;

export interface ReconcileInput {
  /** null when the job no longer exists. */
  job: Job | null;
  namespace: string;
  jobID: string;
  /** Every allocation of the job, terminal ones included. */
  allocs: Allocation[];
  /** Nodes that are down, disconnected or draining; null for nodes that no longer exist. */
  taintedNodes: Map<string, Node | null>;
  evalID: string;
  evalPriority: number;
  now: number;
  newID: () => string;
}

export interface Placement {
  name: string;
  tg: TaskGroup;
  /** The allocation this one replaces (lost, failed, migrated, destructively updated). */
  previous: Allocation | null;
  /** A failed allocation's replacement: carries a reschedule tracker, avoids old nodes. */
  reschedule: boolean;
  /**
   * Stop `previous` with this description when the replacement is placed (migrations,
   * destructive updates); if it cannot be placed, the previous allocation keeps running.
   */
  stopPrevious?: string;
}

export interface StopRequest {
  alloc: Allocation;
  description: string;
  /** Set for lost allocations. */
  clientStatus?: 'lost';
}

export interface ReconcileResult {
  place: Placement[];
  stop: StopRequest[];
  /** Allocations to move to the new job version in place (the caller re-checks the node). */
  inplace: { alloc: Allocation; tg: TaskGroup }[];
  /** Allocations to replace with the new job version (stop + place under the same name). */
  destructive: { alloc: Allocation; tg: TaskGroup }[];
  /** Failed allocations stamped with the follow-up eval that will reschedule them. */
  attributeUpdates: Allocation[];
  followupEvals: Evaluation[];
  desiredTGUpdates: Record<string, DesiredUpdates>;
}

/** A group's DesiredUpdates with every count at zero. */
export function emptyUpdates(): DesiredUpdates {
  return {
    Ignore: 0,
    Place: 0,
    Migrate: 0,
    Stop: 0,
    InPlaceUpdate: 0,
    DestructiveUpdate: 0,
    Canary: 0,
    Preemptions: 0,
  };
}

/** Nomad's shouldFilter: [counts as untainted, ignore entirely]. */
function shouldFilter(a: Allocation, batch: boolean): [boolean, boolean] {
  if (batch) {
    if (a.DesiredStatus === 'stop' || a.DesiredStatus === 'evict') {
      return ranSuccessfully(a) ? [true, false] : [false, true];
    }
    return a.ClientStatus === 'failed' ? [false, false] : [true, false];
  }
  if (a.DesiredStatus === 'stop' || a.DesiredStatus === 'evict') return [false, true];
  if (a.ClientStatus === 'complete' || a.ClientStatus === 'lost') return [false, true];
  return [false, false];
}

function ranSuccessfully(a: Allocation): boolean {
  if (a.ClientStatus === 'complete') return true;
  if (!a.TaskStates) return false;
  const states = Object.values(a.TaskStates);
  return states.length > 0 && states.every((s) => s.State === 'dead' && !s.Failed);
}

export function reconcile(input: ReconcileInput): ReconcileResult {
  const r: ReconcileResult = {
    place: [],
    stop: [],
    inplace: [],
    destructive: [],
    attributeUpdates: [],
    followupEvals: [],
    desiredTGUpdates: {},
  };
  const byGroup = new Map<string, Allocation[]>();
  for (const a of input.allocs) {
    let l = byGroup.get(a.TaskGroup);
    if (!l) byGroup.set(a.TaskGroup, (l = []));
    l.push(a);
  }
  const job = input.job;
  if (!job || job.Stop) {
    for (const [name, allocs] of byGroup) {
      const u = (r.desiredTGUpdates[name] = emptyUpdates());
      for (const a of allocs) {
        if (allocTerminal(a)) continue;
        const n = input.taintedNodes.get(a.NodeID);
        const lost = input.taintedNodes.has(a.NodeID) && (!n || n.Status !== 'ready');
        r.stop.push(
          lost
            ? { alloc: a, description: ALLOC_LOST, clientStatus: 'lost' }
            : { alloc: a, description: ALLOC_NOT_NEEDED },
        );
        u.Stop++;
      }
    }
    return r;
  }
  for (const [name, allocs] of byGroup) {
    if (job.TaskGroups.some((g) => g.Name === name)) continue;
    const u = (r.desiredTGUpdates[name] = emptyUpdates());
    for (const a of allocs) {
      if (allocTerminal(a)) continue;
      r.stop.push({ alloc: a, description: ALLOC_NOT_NEEDED });
      u.Stop++;
    }
  }
  for (const tg of job.TaskGroups) reconcileGroup(input, job, tg, byGroup.get(tg.Name) ?? [], r);
  return r;
}

function reconcileGroup(
  input: ReconcileInput,
  job: Job,
  tg: TaskGroup,
  all: Allocation[],
  r: ReconcileResult,
): void {
  const u = (r.desiredTGUpdates[tg.Name] = emptyUpdates());
  const batch = job.Type === 'batch';
  let keep: Allocation[] = [];
  const migrate: Allocation[] = [];
  const lost: Allocation[] = [];
  const untainted: Allocation[] = [];
  for (const a of all) {
    // Batch jobs forget the finished allocations of older versions.
    if (batch && allocTerminal(a) && a.Job && a.Job.Version < job.Version) continue;
    if (allocTerminal(a)) untainted.push(a);
    else if (a.DesiredTransition?.Migrate) migrate.push(a);
    else if (!input.taintedNodes.has(a.NodeID)) untainted.push(a);
    else {
      const n = input.taintedNodes.get(a.NodeID);
      if (!n || n.Status === 'down' || n.Status === 'disconnected') lost.push(a);
      else untainted.push(a);
    }
  }
  const rescheduleNow: Allocation[] = [];
  const later: { alloc: Allocation; time: number }[] = [];
  for (const a of untainted) {
    if (a.NextAllocation !== '' && allocTerminal(a)) continue;
    const [isUntainted, ignore] = shouldFilter(a, batch);
    if (isUntainted) {
      keep.push(a);
      continue;
    }
    if (ignore) continue;
    const { time, eligible } = nextRescheduleTime(a);
    const force = !!a.DesiredTransition?.ForceReschedule;
    if (
      force ||
      (eligible && (a.FollowupEvalID === input.evalID || time - input.now <= RESCHEDULE_WINDOW))
    ) {
      rescheduleNow.push(a);
    } else {
      keep.push(a);
      if (eligible && a.FollowupEvalID === '') later.push({ alloc: a, time });
    }
  }
  followups(input, job, later, r);

  // Scale down: stop migrating allocations first, then the highest name indexes.
  let existing = keep.length + migrate.length;
  if (existing > tg.Count) {
    let remove = existing - tg.Count;
    const byIndexDesc = (a: Allocation, b: Allocation) => allocIndex(b.Name) - allocIndex(a.Name);
    migrate.sort(byIndexDesc);
    while (remove > 0 && migrate.length > 0) {
      r.stop.push({ alloc: migrate.shift()!, description: ALLOC_NOT_NEEDED });
      u.Stop++;
      remove--;
    }
    const seen = new Set<string>();
    const dupes = keep.filter((a) => (seen.has(a.Name) ? true : (seen.add(a.Name), false)));
    const order = [...dupes, ...keep.filter((a) => !dupes.includes(a)).sort(byIndexDesc)];
    const stopped = new Set<Allocation>();
    for (const a of order) {
      if (remove === 0) break;
      stopped.add(a);
      r.stop.push({ alloc: a, description: ALLOC_NOT_NEEDED });
      u.Stop++;
      remove--;
    }
    keep = keep.filter((a) => !stopped.has(a));
    existing = keep.length + migrate.length;
  }

  const used = new Set<number>();
  for (const a of keep) used.add(allocIndex(a.Name));
  for (const a of migrate) used.add(allocIndex(a.Name));
  let deficit = tg.Count - existing;
  for (const a of rescheduleNow) {
    if (deficit > 0) {
      r.place.push({ name: a.Name, tg, previous: a, reschedule: true });
      r.stop.push({ alloc: a, description: ALLOC_RESCHEDULED });
      used.add(allocIndex(a.Name));
      u.Place++;
      u.Stop++;
      deficit--;
    } else {
      r.stop.push({ alloc: a, description: ALLOC_NOT_NEEDED });
      u.Stop++;
    }
  }
  for (const a of lost) {
    r.stop.push({ alloc: a, description: ALLOC_LOST, clientStatus: 'lost' });
    u.Stop++;
    if (deficit > 0) {
      r.place.push({ name: a.Name, tg, previous: a, reschedule: false });
      used.add(allocIndex(a.Name));
      u.Place++;
      deficit--;
    }
  }
  for (let i = 0; deficit > 0; i++) {
    if (used.has(i)) continue;
    r.place.push({ name: `${job.ID}.${tg.Name}[${i}]`, tg, previous: null, reschedule: false });
    u.Place++;
    deficit--;
  }
  for (const a of migrate) {
    r.place.push({
      name: a.Name,
      tg,
      previous: a,
      reschedule: false,
      stopPrevious: ALLOC_MIGRATING,
    });
    u.Migrate++;
  }

  for (const a of keep) {
    if (allocTerminal(a)) {
      u.Ignore++;
      continue;
    }
    if (a.Job.Version === job.Version && a.Job.JobModifyIndex === job.JobModifyIndex) {
      u.Ignore++;
      continue;
    }
    if (tasksUpdated(a.Job, job, tg.Name) !== null) {
      r.destructive.push({ alloc: a, tg });
      u.DestructiveUpdate++;
    } else {
      r.inplace.push({ alloc: a, tg });
      u.InPlaceUpdate++;
    }
  }
}

/** Failed allocations to reschedule later: one follow-up eval per 5s batch of due times. */
function followups(
  input: ReconcileInput,
  job: Job,
  later: { alloc: Allocation; time: number }[],
  r: ReconcileResult,
): void {
  if (later.length === 0) return;
  later.sort((a, b) => a.time - b.time);
  let batchStart = -1;
  let ev: Evaluation | null = null;
  for (const { alloc, time } of later) {
    if (ev === null || time - batchStart > FOLLOWUP_BATCH_WINDOW) {
      batchStart = time;
      ev = followupEval(input, job, time);
      r.followupEvals.push(ev);
    }
    r.attributeUpdates.push({ ...alloc, FollowupEvalID: ev.ID });
  }
}

function followupEval(input: ReconcileInput, job: Job, waitUntil: number): Evaluation {
  return newEvaluation({
    ID: input.newID(),
    Namespace: input.namespace,
    Priority: input.evalPriority,
    Type: job.Type as Evaluation['Type'],
    TriggeredBy: 'alloc-failure',
    JobID: input.jobID,
    JobModifyIndex: job.JobModifyIndex,
    StatusDescription: FOLLOWUP_EVAL_DESC,
    WaitUntil: waitUntil,
    PreviousEval: input.evalID,
    CreateTime: input.now,
    ModifyTime: input.now,
  });
}
