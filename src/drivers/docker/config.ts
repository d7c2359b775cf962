/**
 * The docker driver's two configurations, read with Nomad's key names: a task's `config` block
 * (drivers/docker/config.go `TaskConfig`) and the agent's `plugin "docker" { config { } }`
 * (`DriverConfig`). Keys Nomad knows but Caravan does not act on are accepted and ignored (see
 * docs/drivers.md); any other key is refused, as Nomad's schema refuses it.
 */
import { NS, parseDuration } from '../../lib/index.js';
import { ConfigReader, type Obj } from './config-reader.js';

export interface DockerAuth {
  username: string;
  password: string;
  email: string;
  serverAddress: string;
}

export interface DockerMountConfig {
  type: 'bind' | 'volume' | 'tmpfs';
  target: string;
  source: string;
  readonly: boolean;
  propagation: string;
  volumeNoCopy: boolean;
  volumeLabels: Record<string, string>;
  volumeDriver: string;
  volumeDriverOptions: Record<string, string>;
  tmpfsSizeBytes: number;
  tmpfsMode: number;
}

export interface DockerTaskConfig {
  image: string;
  command: string;
  args: string[];
  entrypoint: string[];
  ports: string[];
  portMap: Record<string, number>;
  labels: Record<string, string>;
  volumes: string[];
  volumeDriver: string;
  mounts: DockerMountConfig[];
  memoryHardLimitMB: number;
  cpuHardLimit: boolean;
  cpuCfsPeriod: number;
  cpusetCpus: string;
  init: boolean;
  networkMode: string;
  networkAliases: string[];
  hostname: string;
  privileged: boolean;
  workDir: string;
  auth: DockerAuth | null;
  forcePull: boolean;
  /** `image_pull_timeout` (default 5m), in milliseconds. */
  imagePullTimeoutMs: number;
  tty: boolean;
  interactive: boolean;
  dnsServers: string[];
  dnsSearchDomains: string[];
  dnsOptions: string[];
  extraHosts: string[];
  capAdd: string[];
  capDrop: string[];
  securityOpt: string[];
  sysctl: Record<string, string>;
  shmSize: number;
  readonlyRootfs: boolean;
  pidsLimit: number;
  ipcMode: string;
  pidMode: string;
  utsMode: string;
  usernsMode: string;
  runtime: string;
  oomScoreAdj: number;
  groupAdd: string[];
}

export interface DockerPluginConfig {
  /** `unix:///run/docker.sock`, `tcp://host:port`; '' for DOCKER_HOST or the default socket. */
  endpoint: string;
  volumesEnabled: boolean;
  allowPrivileged: boolean;
  /** Capabilities a task may add (`all` allows any). */
  allowCaps: string[];
  allowRuntimes: string[];
  /** `gc { container = false }` keeps containers after their task. */
  gcContainer: boolean;
  disableLogCollection: boolean;
}

/** Docker's default capability set: what Nomad's `allow_caps` allows unless configured. */
export const DEFAULT_ALLOW_CAPS = [
  'audit_write',
  'chown',
  'dac_override',
  'fowner',
  'fsetid',
  'kill',
  'mknod',
  'net_bind_service',
  'setfcap',
  'setgid',
  'setpcap',
  'setuid',
  'sys_chroot',
];

const TASK_KEYS = [
  'image',
  'command',
  'args',
  'entrypoint',
  'ports',
  'port_map',
  'labels',
  'volumes',
  'volume_driver',
  'mount',
  'mounts',
  'memory_hard_limit',
  'cpu_hard_limit',
  'cpu_cfs_period',
  'cpuset_cpus',
  'init',
  'network_mode',
  'network_aliases',
  'hostname',
  'privileged',
  'work_dir',
  'auth',
  'force_pull',
  'image_pull_timeout',
  'tty',
  'interactive',
  'dns_servers',
  'dns_search_domains',
  'dns_options',
  'extra_hosts',
  'cap_add',
  'cap_drop',
  'security_opt',
  'sysctl',
  'shm_size',
  'readonly_rootfs',
  'pids_limit',
  'ipc_mode',
  'pid_mode',
  'uts_mode',
  'userns_mode',
  'runtime',
  'oom_score_adj',
  'group_add',
];

/** Nomad docker keys accepted and not acted on (docs/drivers.md says why). */
const TASK_IGNORED_KEYS = [
  'advertise_ipv6_address',
  'auth_soft_fail',
  'devices',
  'healthchecks',
  'ipv4_address',
  'ipv6_address',
  'isolation',
  'load',
  'logging',
  'mac_address',
  'storage_opt',
  'ulimit',
];

const PLUGIN_KEYS = [
  'endpoint',
  'volumes',
  'allow_privileged',
  'allow_caps',
  'allow_runtimes',
  'gc',
  'disable_log_collection',
];
const PLUGIN_IGNORED_KEYS = [
  'auth',
  'tls',
  'extra_labels',
  'logging',
  'infra_image',
  'infra_image_pull_timeout',
  'image_pull_timeout',
  'pull_activity_timeout',
  'pids_limit',
  'windows_allow_insecure_container_admin',
];

/** Reads a task's `config` block; `errors` gets one sentence per problem. */
export function parseTaskConfig(raw: Obj, errors: string[]): DockerTaskConfig {
  const r = new ConfigReader(raw, 'config', errors);
  for (const k of r.unknownKeys(TASK_KEYS, TASK_IGNORED_KEYS)) {
    r.fail(k, 'is not a docker driver option');
  }
  const image = r.str('image');
  if (image.trim() === '') r.fail('image', 'is required');
  const portMap: Record<string, number> = {};
  for (const [label, v] of Object.entries(r.block('port_map'))) {
    const n = Number(v);
    if (Number.isInteger(n) && n > 0 && n < 65536) portMap[label] = n;
    else r.fail(`port_map.${label}`, 'must be a port number');
  }
  const authBlock = r.has('auth') ? r.sub('auth') : null;
  const cfg: DockerTaskConfig = {
    image,
    command: r.str('command'),
    args: r.strList('args'),
    entrypoint: r.strList('entrypoint'),
    ports: r.strList('ports'),
    portMap,
    labels: r.strMap('labels'),
    volumes: r.strList('volumes'),
    volumeDriver: r.str('volume_driver'),
    mounts: [...r.blocks('mount'), ...r.blocks('mounts')].map((m, i) =>
      parseMount(new ConfigReader(m, `config mount #${i + 1}`, errors)),
    ),
    memoryHardLimitMB: r.int('memory_hard_limit'),
    cpuHardLimit: r.bool('cpu_hard_limit', false),
    cpuCfsPeriod: r.int('cpu_cfs_period', 100_000),
    cpusetCpus: r.str('cpuset_cpus'),
    init: r.bool('init', true),
    networkMode: r.str('network_mode'),
    networkAliases: r.strList('network_aliases'),
    hostname: r.str('hostname'),
    privileged: r.bool('privileged', false),
    workDir: r.str('work_dir'),
    auth: authBlock && {
      username: authBlock.str('username'),
      password: authBlock.str('password'),
      email: authBlock.str('email'),
      serverAddress: authBlock.str('server_address'),
    },
    forcePull: r.bool('force_pull', false),
    imagePullTimeoutMs: 300_000,
    tty: r.bool('tty', false),
    interactive: r.bool('interactive', false),
    dnsServers: r.strList('dns_servers'),
    dnsSearchDomains: r.strList('dns_search_domains'),
    dnsOptions: r.strList('dns_options'),
    extraHosts: r.strList('extra_hosts'),
    capAdd: r.strList('cap_add'),
    capDrop: r.strList('cap_drop'),
    securityOpt: r.strList('security_opt'),
    sysctl: r.strMap('sysctl'),
    shmSize: r.int('shm_size'),
    readonlyRootfs: r.bool('readonly_rootfs', false),
    pidsLimit: r.int('pids_limit'),
    ipcMode: r.str('ipc_mode'),
    pidMode: r.str('pid_mode'),
    utsMode: r.str('uts_mode'),
    usernsMode: r.str('userns_mode'),
    runtime: r.str('runtime'),
    oomScoreAdj: r.int('oom_score_adj'),
    groupAdd: r.strList('group_add'),
  };
  const pullTimeout = r.str('image_pull_timeout');
  if (pullTimeout !== '') {
    const ns = parseDuration(pullTimeout);
    if (ns === undefined || ns <= 0)
      r.fail('image_pull_timeout', 'must be a duration such as "5m"');
    else cfg.imagePullTimeoutMs = Math.ceil(ns / NS.ms);
  }
  if (cfg.memoryHardLimitMB < 0) r.fail('memory_hard_limit', 'must not be negative');
  if (cfg.cpuCfsPeriod < 1000 || cfg.cpuCfsPeriod > 1_000_000) {
    r.fail('cpu_cfs_period', 'must be between 1000 and 1000000 (microseconds)');
  }
  for (const v of cfg.volumes) {
    const parts = v.split(':');
    if (parts.length < 2 || parts.length > 3 || parts[0] === '' || parts[1] === '') {
      r.fail('volumes', `entry "${v}" must be "host_path:container_path" or "...:ro"`);
    }
  }
  return cfg;
}

function parseMount(r: ConfigReader): DockerMountConfig {
  const type = r.str('type', 'volume');
  if (type !== 'bind' && type !== 'volume' && type !== 'tmpfs') {
    r.fail('type', 'must be "bind", "volume" or "tmpfs"');
  }
  const target = r.str('target');
  if (target === '') r.fail('target', 'is required');
  const source = r.str('source');
  if (type === 'bind' && source === '') r.fail('source', 'is required for a bind mount');
  const bind = r.sub('bind_options');
  const vol = r.sub('volume_options');
  const volDriver = vol.sub('driver_config');
  const tmpfs = r.sub('tmpfs_options');
  return {
    type: type as DockerMountConfig['type'],
    target,
    source,
    readonly: r.bool('readonly', false),
    propagation: bind.str('propagation'),
    volumeNoCopy: vol.bool('no_copy', false),
    volumeLabels: vol.strMap('labels'),
    volumeDriver: volDriver.str('name'),
    volumeDriverOptions: volDriver.strMap('options'),
    tmpfsSizeBytes: tmpfs.int('size'),
    tmpfsMode: tmpfs.int('mode'),
  };
}

/** Reads `plugin "docker" { config { ... } }`; `errors` gets one sentence per problem. */
export function parsePluginConfig(raw: Obj, errors: string[]): DockerPluginConfig {
  const r = new ConfigReader(raw, 'plugin "docker" config', errors);
  for (const k of r.unknownKeys(PLUGIN_KEYS, PLUGIN_IGNORED_KEYS)) {
    r.fail(k, 'is not a docker plugin option');
  }
  const caps = r.has('allow_caps') ? r.strList('allow_caps') : DEFAULT_ALLOW_CAPS;
  return {
    endpoint: r.str('endpoint'),
    volumesEnabled: r.sub('volumes').bool('enabled', false),
    allowPrivileged: r.bool('allow_privileged', false),
    allowCaps: caps.map(normalizeCap),
    allowRuntimes: r.has('allow_runtimes') ? r.strList('allow_runtimes') : ['runc', 'nvidia'],
    gcContainer: r.sub('gc').bool('container', true),
    disableLogCollection: r.bool('disable_log_collection', false),
  };
}

/** `CAP_NET_ADMIN`, `net_admin` → `net_admin`. */
export const normalizeCap = (c: string): string => c.toLowerCase().replace(/^cap_/, '');

/** What a task asks for that the plugin config does not allow; one sentence each. */
export function checkAllowed(cfg: DockerTaskConfig, plugin: DockerPluginConfig): string[] {
  const out: string[] = [];
  if (cfg.privileged && !plugin.allowPrivileged) {
    out.push(
      'config: "privileged" is not allowed on this client; set allow_privileged = true in its plugin "docker" config.',
    );
  }
  if (!plugin.allowCaps.includes('all')) {
    const refused = cfg.capAdd.map(normalizeCap).filter((c) => !plugin.allowCaps.includes(c));
    if (refused.length > 0) {
      out.push(
        `config: "cap_add" asks for capabilities this client does not allow (${refused.join(', ')}); see allow_caps in its plugin "docker" config.`,
      );
    }
  }
  if (cfg.runtime !== '' && !plugin.allowRuntimes.includes(cfg.runtime)) {
    out.push(
      `config: runtime "${cfg.runtime}" is not allowed on this client (allowed: ${plugin.allowRuntimes.join(', ')}).`,
    );
  }
  return out;
}
