/**
 * Whether moving a group's allocations from one job version to another needs new allocations
 * (a destructive update) or can be done in place (Nomad's tasksUpdated). Anything the running
 * tasks were started with is destructive: tasks added or removed, driver, user, config, env,
 * artifacts, templates, vault, consul, identities, lifecycle, meta (job, group and task, as
 * the task sees them), resources, networks and ports (group or task), ephemeral disk, volumes
 * and volume mounts, service ports and Connect settings. What only the servers or the client's
 * supervisors use is in-place: count, restart, reschedule, update and migrate strategies, kill
 * timeout and signal, shutdown delay, service names, tags and checks, constraints (re-checked
 * against the node), priority.
 */
import type { Job, NetworkResource, Service, Task, TaskGroup } from '../../structs/index.js';
import { deepEqual } from '../util/deep-equal.js';

/** The reason an update is destructive, or null when it can be done in place. */
export function tasksUpdated(a: Job, b: Job, group: string): string | null {
  const ga = a.TaskGroups.find((g) => g.Name === group);
  const gb = b.TaskGroups.find((g) => g.Name === group);
  if (!ga || !gb) return 'task group changed';
  if (ga.Tasks.length !== gb.Tasks.length) return 'number of tasks';
  if (!deepEqual(ga.EphemeralDisk, gb.EphemeralDisk)) return 'ephemeral disk';
  if (networksUpdated(ga.Networks, gb.Networks)) return 'network';
  if (!deepEqual(ga.Volumes, gb.Volumes)) return 'volumes';
  if (servicesUpdated(ga.Services, gb.Services)) return 'services';
  if (!deepEqual(ga.Consul, gb.Consul)) return 'consul';
  if (ga.RestartPolicy?.RenderTemplates !== gb.RestartPolicy?.RenderTemplates) {
    return 'restart.render_templates';
  }
  for (const ta of ga.Tasks) {
    const tb = gb.Tasks.find((t) => t.Name === ta.Name);
    if (!tb) return `task ${ta.Name} removed`;
    const why = taskUpdated(a, ga, ta, b, gb, tb);
    if (why !== null) return `task ${ta.Name}: ${why}`;
  }
  return null;
}

function combinedMeta(job: Job, tg: TaskGroup, t: Task): Record<string, string> {
  return { ...(job.Meta ?? {}), ...(tg.Meta ?? {}), ...(t.Meta ?? {}) };
}

function taskUpdated(
  ja: Job,
  ga: TaskGroup,
  ta: Task,
  jb: Job,
  gb: TaskGroup,
  tb: Task,
): string | null {
  if (ta.Driver !== tb.Driver) return 'driver';
  if (ta.User !== tb.User) return 'user';
  if (!deepEqual(ta.Config, tb.Config)) return 'config';
  if (!deepEqual(ta.Env, tb.Env)) return 'env';
  if (!deepEqual(ta.Artifacts, tb.Artifacts)) return 'artifacts';
  if (!deepEqual(ta.Templates, tb.Templates)) return 'templates';
  if (!deepEqual(ta.Vault, tb.Vault)) return 'vault';
  if (!deepEqual(ta.Consul, tb.Consul)) return 'consul';
  if (!deepEqual(ta.Identity, tb.Identity) || !deepEqual(ta.Identities, tb.Identities)) {
    return 'identities';
  }
  if (!deepEqual(ta.Lifecycle, tb.Lifecycle)) return 'lifecycle';
  if (!deepEqual(ta.VolumeMounts, tb.VolumeMounts)) return 'volume mounts';
  if (!deepEqual(ta.CSIPluginConfig, tb.CSIPluginConfig)) return 'csi plugin';
  if (!deepEqual(ta.DispatchPayload, tb.DispatchPayload)) return 'dispatch payload';
  if (ta.LogConfig?.Disabled !== tb.LogConfig?.Disabled) return 'logs';
  if (!deepEqual(combinedMeta(ja, ga, ta), combinedMeta(jb, gb, tb))) return 'meta';
  if (networksUpdated(ta.Resources.Networks, tb.Resources.Networks)) return 'network';
  const ra = ta.Resources;
  const rb = tb.Resources;
  if (
    ra.CPU !== rb.CPU ||
    ra.Cores !== rb.Cores ||
    ra.MemoryMB !== rb.MemoryMB ||
    ra.MemoryMaxMB !== rb.MemoryMaxMB ||
    !deepEqual(ra.Devices, rb.Devices)
  ) {
    return 'resources';
  }
  if (servicesUpdated(ta.Services, tb.Services)) return 'services';
  return null;
}

function portKey(n: NetworkResource): unknown {
  return {
    Mode: n.Mode,
    Hostname: n.Hostname,
    DNS: n.DNS,
    MBits: n.MBits,
    Reserved: (n.ReservedPorts ?? []).map((p) => [p.Label, p.Value, p.To, p.HostNetwork]),
    Dynamic: (n.DynamicPorts ?? []).map((p) => [p.Label, p.To, p.HostNetwork]),
  };
}

function networksUpdated(
  a: NetworkResource[] | null | undefined,
  b: NetworkResource[] | null | undefined,
): boolean {
  const la = a ?? [];
  const lb = b ?? [];
  if (la.length !== lb.length) return true;
  for (let i = 0; i < la.length; i++) if (!deepEqual(portKey(la[i]!), portKey(lb[i]!))) return true;
  return false;
}

/** Services change destructively when their ports or Connect settings change. */
function servicesUpdated(
  a: Service[] | null | undefined,
  b: Service[] | null | undefined,
): boolean {
  const byName = new Map((b ?? []).map((s) => [s.Name, s]));
  for (const s of a ?? []) {
    const o = byName.get(s.Name);
    if (!o) {
      if (s.Connect) return true;
      continue;
    }
    if (s.PortLabel !== o.PortLabel) return true;
    if (!deepEqual(s.Connect, o.Connect)) return true;
  }
  for (const s of b ?? []) {
    if (s.Connect && !(a ?? []).some((x) => x.Name === s.Name)) return true;
  }
  return false;
}
