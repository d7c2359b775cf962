/** Task group defaults: api/tasks.go TaskGroup.Canonicalize and nomad/structs. */
import {
  DEFAULT_SPREAD_WEIGHT,
  defaultEphemeralDisk,
  defaultMigrateStrategy,
  defaultReschedulePolicy,
  defaultRestartPolicy,
  defaultUpdateStrategy,
} from './defaults.js';
import { def, defs, isObj, merge, nullEmptyMap, objAt, objList, type Obj } from './fill.js';
import {
  canonicalizeAffinities,
  canonicalizeConstraints,
  canonicalizeNetwork,
} from './canonicalize-network.js';
import { canonicalizeService } from './canonicalize-service.js';
import { canonicalizeConsul, canonicalizeTask } from './canonicalize-task.js';
import type { Path } from './validate-context.js';

/** What a group inherits from its job, already defaulted for the job's type. */
export interface GroupContext {
  job: Obj;
  type: string;
  /** The job's update block after api Job.Canonicalize (undefined for batch jobs without one). */
  update?: Obj;
  reschedule?: Obj;
  migrate?: Obj;
}

/**
 * `path` is where the group was decoded, `taskPath` where each of its tasks was (they differ
 * for the group wrapped around a top-level task).
 */
export function canonicalizeGroup(
  g: Obj,
  ctx: GroupContext,
  path: Path,
  taskPath: (i: number) => Path = (i) => [...path, 'Tasks', i],
): void {
  const { job, type } = ctx;
  def(g, 'Name', '');

  // Count: the scaling block's min when count is not written, else 1.
  const scaling = objAt(g, 'Scaling');
  if (g.Count === undefined || g.Count === null) {
    g.Count = scaling && typeof scaling.Min === 'number' ? scaling.Min : 1;
  }
  if (scaling) {
    // api ScalingPolicy.Canonicalize (min = count, enabled, horizontal); the server sets the
    // target to the group it scales (nomad/structs ScalingPolicy.TargetTaskGroup).
    defs(scaling, { ID: '', Min: g.Count, Max: null, Enabled: true, Policy: null });
    if (!scaling.Type) scaling.Type = 'horizontal';
    scaling.Target = {
      Namespace: String(job.Namespace),
      Job: String(job.ID),
      Group: String(g.Name),
    };
    nullEmptyMap(scaling, 'Policy');
  } else g.Scaling = null;

  const disk = objAt(g, 'EphemeralDisk') ?? {};
  defs(disk, defaultEphemeralDisk() as unknown as Obj);
  g.EphemeralDisk = disk;

  const consul = objAt(g, 'Consul');
  if (consul) {
    if (!consul.Namespace && job.ConsulNamespace) consul.Namespace = job.ConsulNamespace;
    canonicalizeConsul(consul);
  } else g.Consul = null;

  // Update: the job's merged with the group's; inherited only when the job's is not empty.
  const ownUpdate = objAt(g, 'Update');
  if (ctx.update && ownUpdate) g.Update = merge(ctx.update, ownUpdate);
  else if (ctx.update && !updateIsEmpty(ctx.update)) g.Update = { ...ctx.update };
  if (isObj(g.Update)) defs(g.Update, defaultUpdateStrategy() as unknown as Obj);
  else g.Update = null;

  // Reschedule: the job's merged with the group's, type defaults under both; none for
  // system and sysbatch jobs unless written.
  const ownResched = objAt(g, 'ReschedulePolicy');
  let resched = ctx.reschedule || ownResched ? merge(ctx.reschedule ?? {}, ownResched) : undefined;
  if (!resched && type !== 'system' && type !== 'sysbatch') resched = {};
  if (resched) defs(resched, defaultReschedulePolicy(type) as unknown as Obj);
  g.ReschedulePolicy = resched ?? null;

  // Migrate: the job's merged with the group's; service jobs always have one.
  const ownMigrate = objAt(g, 'Migrate');
  let migrate = ctx.migrate || ownMigrate ? merge(ctx.migrate ?? {}, ownMigrate) : undefined;
  if (!migrate && type === 'service') migrate = {};
  if (migrate) defs(migrate, defaultMigrateStrategy() as unknown as Obj);
  g.Migrate = migrate ?? null;

  g.RestartPolicy = merge(defaultRestartPolicy(type) as unknown as Obj, objAt(g, 'RestartPolicy'));

  const disconnect = objAt(g, 'Disconnect');
  if (disconnect) {
    // api DisconnectStrategy.Canonicalize.
    defs(disconnect, {
      LostAfter: 0,
      StopOnClientAfter: null,
      Replace: true,
      Reconcile: 'best_score',
    });
  } else g.Disconnect = null;

  defs(g, { ShutdownDelay: null, StopAfterClientDisconnect: null, MaxClientDisconnect: null });
  nullEmptyMap(g, 'Meta');
  canonicalizeConstraints(g, 'Constraints');
  canonicalizeAffinities(g, 'Affinities');
  const spreads = objList(g, 'Spreads');
  for (const s of spreads) canonicalizeSpread(s);
  g.Spreads = spreads.length ? spreads : null;

  const nets = objList(g, 'Networks');
  nets.forEach((n, i) => canonicalizeNetwork(n, [...path, 'Networks', i]));
  g.Networks = nets.length ? nets : null;

  canonicalizeVolumes(g);

  const tasks = objList(g, 'Tasks');
  tasks.forEach((t, i) => canonicalizeTask(t, g, String(job.Name), taskPath(i)));
  g.Tasks = tasks;

  const services = objList(g, 'Services');
  for (const s of services) canonicalizeService(s, String(job.Name), String(g.Name));
  g.Services = services.length ? services : null;
}

/** api Spread.Canonicalize: weight 50. Targets keep exactly Value and Percent. */
export function canonicalizeSpread(s: Obj): void {
  def(s, 'Attribute', '');
  def(s, 'Weight', DEFAULT_SPREAD_WEIGHT);
  const targets = objList(s, 'SpreadTarget');
  s.SpreadTarget = targets.length
    ? targets.map((t) => ({ Value: String(t.Value ?? ''), Percent: Number(t.Percent ?? 0) }))
    : null;
}

/** api UpdateStrategy.Empty: nothing but zero values. */
function updateIsEmpty(u: Obj): boolean {
  return Object.values(u).every(
    (v) => v === undefined || v === null || v === 0 || v === false || v === '',
  );
}

/** Volumes are keyed by name: `_Volumes` (decoded blocks in order) joins any API-given map. */
function canonicalizeVolumes(g: Obj): void {
  const map: Record<string, Obj> = { ...(objAt(g, 'Volumes') as Record<string, Obj> | undefined) };
  for (const v of objList(g, '_Volumes')) map[String(v.Name ?? '')] = v;
  delete g._Volumes;
  for (const [name, v] of Object.entries(map)) {
    if (!isObj(v)) continue;
    defs(v, {
      Name: name,
      Type: '',
      Source: '',
      ReadOnly: false,
      Sticky: false,
      AccessMode: '',
      AttachmentMode: '',
      MountOptions: null,
      PerAlloc: false,
    });
  }
  g.Volumes = Object.keys(map).length ? map : null;
}
