/**
 * Turns a task (TaskConfig + its parsed docker `config`) into the Docker Engine's container
 * create body, as Nomad's `createContainerConfig` does: command and args, ports published on the
 * allocation's host ports, the allocation's directories bound at /alloc, /local and /secrets,
 * memory and CPU limits, labels naming the allocation, and the task's environment.
 */
import { isAbsolute, join, relative } from 'node:path';
import type Dockerode from 'dockerode';
import { DriverError, type TaskConfig } from '../driver.js';
import type { DockerPluginConfig, DockerTaskConfig } from './config.js';

/** The host's CPU, for `cpu_hard_limit` (Nomad: PercentTicks = cpu / total compute). */
export interface HostCpu {
  cores: number;
  /** MHz of one core. */
  mhz: number;
}

/** Where the allocation's directories appear inside the container (Nomad's paths). */
export const CONTAINER_ALLOC_DIR = '/alloc';
export const CONTAINER_LOCAL_DIR = '/local';
export const CONTAINER_SECRETS_DIR = '/secrets';

/** Docker container names allow [a-zA-Z0-9][a-zA-Z0-9_.-]*. */
export const containerName = (config: TaskConfig): string =>
  `${config.taskName}-${config.allocID}`.replace(/[^a-zA-Z0-9_.-]/g, '_').replace(/^[_.-]+/, '');

/** The labels Nomad puts on a task's container, plus the user's `labels`. */
export function containerLabels(
  config: TaskConfig,
  user: Record<string, string>,
): Record<string, string> {
  return {
    ...user,
    'com.hashicorp.nomad.alloc_id': config.allocID,
    'com.hashicorp.nomad.job_id': config.jobID,
    'com.hashicorp.nomad.job_name': config.jobName,
    'com.hashicorp.nomad.namespace': config.namespace,
    'com.hashicorp.nomad.task_group_name': config.groupName,
    'com.hashicorp.nomad.task_name': config.taskName,
    'com.caravan.task_id': config.id,
  };
}

/** Nomad's memoryLimits: the hard limit and the soft reservation, in bytes. */
export function memoryLimits(
  hardLimitMB: number,
  memoryMB: number,
  memoryMaxMB: number,
): { memory: number; reservation: number } {
  const soft = memoryMB * 1024 * 1024;
  const hard = Math.max(hardLimitMB, memoryMaxMB);
  if (hard <= 0) return { memory: soft, reservation: 0 };
  return { memory: hard * 1024 * 1024, reservation: soft };
}

/** Throws DRIVER_ERR_CONFIG for what the task asks and the client does not allow. */
export function buildContainerSpec(
  config: TaskConfig,
  cfg: DockerTaskConfig,
  plugin: DockerPluginConfig,
  cpu: HostCpu,
): Dockerode.ContainerCreateOptions {
  const errors: string[] = [];
  const hostConfig: Dockerode.HostConfig = {
    Binds: [...allocBinds(config), ...volumeBinds(config, cfg, plugin, errors)],
    Mounts: mounts(config, cfg, plugin, errors),
    Init: cfg.init,
    Privileged: cfg.privileged,
    ReadonlyRootfs: cfg.readonlyRootfs,
  };
  const { memory, reservation } = memoryLimits(
    cfg.memoryHardLimitMB,
    config.resources.memoryMB,
    config.resources.memoryMaxMB,
  );
  if (memory > 0) {
    hostConfig.Memory = memory;
    hostConfig.MemorySwap = memory;
    if (reservation > 0) hostConfig.MemoryReservation = reservation;
  }
  if (config.resources.cpuShares > 0) {
    hostConfig.CpuShares = Math.max(2, config.resources.cpuShares);
  }
  if (cfg.cpuHardLimit && config.resources.cpuShares > 0) {
    const total = Math.max(1, cpu.cores * cpu.mhz);
    const percentTicks = config.resources.cpuShares / total;
    hostConfig.CpuPeriod = cfg.cpuCfsPeriod;
    hostConfig.CpuQuota = Math.max(1000, Math.floor(percentTicks * cfg.cpuCfsPeriod) * cpu.cores);
  }
  const cpuset = cfg.cpusetCpus || config.resources.cores.join(',');
  if (cpuset !== '') hostConfig.CpusetCpus = cpuset;
  const networkMode = cfg.networkMode || (config.networkMode === 'none' ? 'none' : '');
  if (networkMode !== '') hostConfig.NetworkMode = networkMode;
  const ports = portBindings(config, cfg, errors);
  if (networkMode !== 'host' && networkMode !== 'none' && ports.exposed.length > 0) {
    hostConfig.PortBindings = ports.bindings;
  }
  if (cfg.dnsServers.length > 0) hostConfig.Dns = cfg.dnsServers;
  if (cfg.dnsSearchDomains.length > 0) hostConfig.DnsSearch = cfg.dnsSearchDomains;
  if (cfg.dnsOptions.length > 0) hostConfig.DnsOptions = cfg.dnsOptions;
  if (cfg.extraHosts.length > 0) hostConfig.ExtraHosts = cfg.extraHosts;
  if (cfg.capAdd.length > 0) hostConfig.CapAdd = cfg.capAdd;
  if (cfg.capDrop.length > 0) hostConfig.CapDrop = cfg.capDrop;
  if (cfg.securityOpt.length > 0) hostConfig.SecurityOpt = cfg.securityOpt;
  if (Object.keys(cfg.sysctl).length > 0) hostConfig.Sysctls = cfg.sysctl;
  if (cfg.shmSize > 0) hostConfig.ShmSize = cfg.shmSize;
  if (cfg.pidsLimit > 0) hostConfig.PidsLimit = cfg.pidsLimit;
  if (cfg.ipcMode !== '') hostConfig.IpcMode = cfg.ipcMode;
  if (cfg.pidMode !== '') hostConfig.PidMode = cfg.pidMode;
  if (cfg.utsMode !== '') hostConfig.UTSMode = cfg.utsMode;
  if (cfg.usernsMode !== '') hostConfig.UsernsMode = cfg.usernsMode;
  if (cfg.runtime !== '') hostConfig.Runtime = cfg.runtime;
  if (cfg.oomScoreAdj !== 0) hostConfig.OomScoreAdj = cfg.oomScoreAdj;
  if (cfg.groupAdd.length > 0) hostConfig.GroupAdd = cfg.groupAdd;
  if (cfg.volumeDriver !== '') hostConfig.VolumeDriver = cfg.volumeDriver;
  if (errors.length > 0) throw new DriverError('DRIVER_ERR_CONFIG', errors.join(' '));

  const env: Record<string, string> = {
    ...config.env,
    NOMAD_ALLOC_DIR: CONTAINER_ALLOC_DIR,
    NOMAD_TASK_DIR: CONTAINER_LOCAL_DIR,
    NOMAD_SECRETS_DIR: CONTAINER_SECRETS_DIR,
  };
  const spec: Dockerode.ContainerCreateOptions = {
    name: containerName(config),
    Image: cfg.image,
    Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
    Labels: containerLabels(config, cfg.labels),
    Tty: cfg.tty,
    OpenStdin: cfg.interactive,
    StdinOnce: false,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    HostConfig: hostConfig,
  };
  if (cfg.command !== '') spec.Cmd = [cfg.command, ...cfg.args];
  else if (cfg.args.length > 0) spec.Cmd = cfg.args;
  if (cfg.entrypoint.length > 0) spec.Entrypoint = cfg.entrypoint;
  if (cfg.hostname !== '') spec.Hostname = cfg.hostname;
  if (cfg.workDir !== '') spec.WorkingDir = cfg.workDir;
  if (config.user !== '') spec.User = config.user;
  if (ports.exposed.length > 0) {
    spec.ExposedPorts = Object.fromEntries(ports.exposed.map((p) => [p, {}]));
  }
  if (cfg.networkAliases.length > 0 && networkMode !== '') {
    spec.NetworkingConfig = {
      EndpointsConfig: { [networkMode]: { Aliases: cfg.networkAliases } },
    };
  }
  return spec;
}

/** The allocation's directories, where Nomad puts them in a container. */
function allocBinds(config: TaskConfig): string[] {
  const d = config.dirs;
  return [
    `${d.sharedDir}:${CONTAINER_ALLOC_DIR}`,
    `${d.localDir}:${CONTAINER_LOCAL_DIR}`,
    `${d.secretsDir}:${CONTAINER_SECRETS_DIR}`,
    ...config.mounts.map((m) => `${m.hostPath}:${m.taskPath}${m.readOnly ? ':ro' : ''}`),
  ];
}

const isUnder = (parent: string, child: string): boolean => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * `volumes = ["host:container[:ro]"]`: relative host paths are inside the task directory and
 * always allowed; absolute ones need `volumes { enabled = true }` (as in Nomad). With a
 * `volume_driver` the host part names a volume instead.
 */
function volumeBinds(
  config: TaskConfig,
  cfg: DockerTaskConfig,
  plugin: DockerPluginConfig,
  errors: string[],
): string[] {
  const out: string[] = [];
  for (const v of cfg.volumes) {
    const [src = '', ...rest] = v.split(':');
    let host = src;
    if (cfg.volumeDriver !== '') {
      if (!plugin.volumesEnabled) {
        errors.push(
          `config: "volumes" entry "${v}" uses a volume driver; volumes are not enabled.`,
        );
      }
    } else if (isAbsolute(src)) {
      if (!plugin.volumesEnabled && !isUnder(config.dirs.allocDir, src)) {
        errors.push(
          `config: "volumes" entry "${v}" mounts a host path; volumes are not enabled on this client (plugin "docker" config volumes { enabled = true }).`,
        );
      }
    } else {
      host = join(config.dirs.taskDir, src);
    }
    out.push([host, ...rest].join(':'));
  }
  return out;
}

function mounts(
  config: TaskConfig,
  cfg: DockerTaskConfig,
  plugin: DockerPluginConfig,
  errors: string[],
): Dockerode.MountConfig {
  return cfg.mounts.map((m): Dockerode.MountSettings => {
    if (m.type === 'tmpfs') {
      const tmpfs: { SizeBytes?: number; Mode?: number } = {};
      if (m.tmpfsSizeBytes > 0) tmpfs.SizeBytes = m.tmpfsSizeBytes;
      if (m.tmpfsMode > 0) tmpfs.Mode = m.tmpfsMode;
      // Docker takes either option alone; the typings want both.
      const TmpfsOptions = tmpfs as Required<typeof tmpfs>;
      return { Type: 'tmpfs', Source: '', Target: m.target, ReadOnly: m.readonly, TmpfsOptions };
    }
    if (m.type === 'volume') {
      const VolumeOptions: Record<string, unknown> = {
        NoCopy: m.volumeNoCopy,
        Labels: m.volumeLabels,
      };
      if (m.volumeDriver !== '') {
        VolumeOptions.DriverConfig = { Name: m.volumeDriver, Options: m.volumeDriverOptions };
      }
      return {
        Type: 'volume',
        Source: m.source,
        Target: m.target,
        ReadOnly: m.readonly,
        // DriverConfig is optional to Docker; the typings want it.
        VolumeOptions: VolumeOptions as Required<Dockerode.MountSettings>['VolumeOptions'],
      };
    }
    const source = isAbsolute(m.source) ? m.source : join(config.dirs.taskDir, m.source);
    if (!plugin.volumesEnabled && !isUnder(config.dirs.allocDir, source)) {
      errors.push(
        `config: bind mount of "${m.source}" is outside the allocation directory; volumes are not enabled on this client (plugin "docker" config volumes { enabled = true }).`,
      );
    }
    const out: Dockerode.MountSettings = {
      Type: 'bind',
      Source: source,
      Target: m.target,
      ReadOnly: m.readonly,
    };
    if (m.propagation !== '') {
      out.BindOptions = { Propagation: m.propagation as 'rprivate' };
    }
    return out;
  });
}

/**
 * `ports = ["http"]`: each label's host port (`value`) published to the container port
 * `port_map[label]`, else `to`, else `value`, on tcp and udp, bound to the port's host IP.
 * Without `ports`, a legacy `port_map` publishes every port of the task.
 */
function portBindings(
  config: TaskConfig,
  cfg: DockerTaskConfig,
  errors: string[],
): { exposed: string[]; bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> } {
  let labels = cfg.ports;
  if (labels.length === 0 && Object.keys(cfg.portMap).length > 0) {
    labels = config.ports.map((p) => p.label);
  }
  const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const label of labels) {
    const port = config.ports.find((p) => p.label === label);
    if (!port) {
      const known = config.ports.map((p) => p.label).join(', ') || 'none';
      errors.push(
        `config: port "${label}" in "ports" is not a port of the group's network block (its ports: ${known}).`,
      );
      continue;
    }
    const containerPort = cfg.portMap[label] ?? (port.to > 0 ? port.to : port.value);
    for (const proto of ['tcp', 'udp']) {
      const key = `${containerPort}/${proto}`;
      (bindings[key] ??= []).push({ HostIp: port.hostIP, HostPort: String(port.value) });
    }
  }
  return { exposed: Object.keys(bindings), bindings };
}
