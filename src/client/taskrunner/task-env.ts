/**
 * The task's environment (Nomad's taskenv.Builder): NOMAD_* variables for the allocation, the
 * job, the node, resources, ports and meta, then the task's own `env` block interpolated over
 * them. Directories are as the task sees them: host paths for drivers without filesystem
 * isolation (raw_exec), /alloc, /local and /secrets for chroot and image drivers.
 */
import type { TaskDirs } from '../../drivers/index.js';
import type { AllocatedPort, Allocation, Node, Task } from '../../structs/index.js';
import { allocIndex } from '../../structs/index.js';
import { interpolateString, nodeVariables } from './interpolate.js';

export interface TaskEnvInput {
  alloc: Allocation;
  task: Task;
  node: Node;
  region: string;
  dirs: TaskDirs;
  /** The driver's filesystem isolation: 'none' gives host paths. */
  fsIsolation: 'none' | 'chroot' | 'image';
}

/** Nomad's helper.CleanEnvVar: characters not allowed in a variable name become `_`. */
export function cleanEnvVar(s: string): string {
  return s.replace(/[^A-Za-z0-9_.]/g, '_');
}

/** Every port of the allocation: the group's shared ports and the task's own networks. */
export function allocPorts(alloc: Allocation, taskName: string): AllocatedPort[] {
  const out: AllocatedPort[] = [...(alloc.AllocatedResources.Shared.Ports ?? [])];
  const seen = new Set(out.map((p) => p.Label));
  const nets = [
    ...(alloc.AllocatedResources.Tasks[taskName]?.Networks ?? []),
    ...(alloc.AllocatedResources.Shared.Networks ?? []),
  ];
  for (const n of nets) {
    for (const p of [...(n.ReservedPorts ?? []), ...(n.DynamicPorts ?? [])]) {
      if (seen.has(p.Label)) continue;
      seen.add(p.Label);
      out.push({ Label: p.Label, Value: p.Value, To: p.To, HostIP: n.IP });
    }
  }
  return out;
}

/** "0,1,2,5" → "0-2,5" (a cpuset). */
function cpuset(cores: number[]): string {
  const sorted = [...cores].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export function buildTaskEnv(input: TaskEnvInput): Record<string, string> {
  const { alloc, task, node, dirs } = input;
  const job = alloc.Job;
  const group = job.TaskGroups.find((g) => g.Name === alloc.TaskGroup);
  const isolated = input.fsIsolation !== 'none';
  const env: Record<string, string> = {
    NOMAD_ALLOC_DIR: isolated ? '/alloc' : dirs.sharedDir,
    NOMAD_TASK_DIR: isolated ? '/local' : dirs.localDir,
    NOMAD_SECRETS_DIR: isolated ? '/secrets' : dirs.secretsDir,
    NOMAD_ALLOC_ID: alloc.ID,
    NOMAD_SHORT_ALLOC_ID: alloc.ID.slice(0, 8),
    NOMAD_ALLOC_NAME: alloc.Name,
    NOMAD_ALLOC_INDEX: String(allocIndex(alloc.Name)),
    NOMAD_JOB_ID: job.ID,
    NOMAD_JOB_NAME: job.Name,
    NOMAD_GROUP_NAME: alloc.TaskGroup,
    NOMAD_TASK_NAME: task.Name,
    NOMAD_DC: node.Datacenter,
    NOMAD_REGION: input.region,
    NOMAD_NAMESPACE: alloc.Namespace,
  };
  if (job.ParentID) env.NOMAD_JOB_PARENT_ID = job.ParentID;
  const res = alloc.AllocatedResources.Tasks[task.Name];
  const cpu = res?.Cpu.CpuShares ?? task.Resources.CPU;
  env.NOMAD_CPU_LIMIT = String(cpu);
  const cores = res?.Cpu.ReservedCores ?? [];
  if (cores.length > 0) env.NOMAD_CPU_CORES = cpuset(cores);
  env.NOMAD_MEMORY_LIMIT = String(res?.Memory.MemoryMB ?? task.Resources.MemoryMB);
  const maxMem = res?.Memory.MemoryMaxMB ?? task.Resources.MemoryMaxMB;
  if (maxMem > 0) env.NOMAD_MEMORY_MAX_LIMIT = String(maxMem);

  for (const p of allocPorts(alloc, task.Name)) {
    const label = cleanEnvVar(p.Label);
    const inside = p.To > 0 ? p.To : p.Value;
    const ip = p.HostIP || node.NodeResources.Networks?.[0]?.IP || '127.0.0.1';
    const host = ip.includes(':') ? `[${ip}]` : ip;
    env[`NOMAD_PORT_${label}`] = String(inside);
    env[`NOMAD_HOST_PORT_${label}`] = String(p.Value);
    env[`NOMAD_ALLOC_PORT_${label}`] = String(inside);
    env[`NOMAD_IP_${label}`] = ip;
    env[`NOMAD_HOST_IP_${label}`] = ip;
    env[`NOMAD_ALLOC_IP_${label}`] = ip;
    env[`NOMAD_ADDR_${label}`] = `${host}:${p.Value}`;
    env[`NOMAD_HOST_ADDR_${label}`] = `${host}:${p.Value}`;
    env[`NOMAD_ALLOC_ADDR_${label}`] = `${host}:${inside}`;
  }

  // Meta: job, then group, then task (the nearest wins), as written and upper-cased.
  const meta = { ...job.Meta, ...group?.Meta, ...task.Meta };
  for (const [k, v] of Object.entries(meta)) {
    env[`NOMAD_META_${cleanEnvVar(k)}`] = v;
    env[`NOMAD_META_${cleanEnvVar(k).toUpperCase()}`] = v;
  }

  // The task's env block, interpolated over what is set so far (later keys see earlier ones).
  const vars = nodeVariables(node, input.region);
  for (const [k, v] of Object.entries(task.Env ?? {})) {
    env[k] = interpolateString(v, env, vars);
  }
  return env;
}
