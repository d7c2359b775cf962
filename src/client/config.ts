/**
 * The client's configuration (the agent's `client {}` block plus the agent-wide settings the
 * client needs), with Nomad's defaults. Durations are milliseconds.
 */
import { hostname } from 'node:os';
import { BUILTIN_DRIVERS, type DriverPlugin } from '../drivers/index.js';

export interface ClientLogger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export interface ClientReserved {
  /** MHz. */
  cpu?: number;
  /** Cores kept for the host ("0-1,3"). */
  cores?: string;
  memory?: number;
  disk?: number;
  /** "22,80,8000-8100". */
  reservedPorts?: string;
}

export interface ClientConfig {
  /** `client.state_dir`: the client's own state (client-id, allocations, task handles). */
  stateDir: string;
  /** `client.alloc_dir`: allocation directories. */
  allocDir: string;
  /** The agent's `name` (default: the hostname). */
  name?: string;
  datacenter?: string;
  region?: string;
  nodeClass?: string;
  nodePool?: string;
  meta?: Record<string, string>;
  /** `client.options` (`driver.allowlist`, `driver.denylist`, `driver.raw_exec.enable`...). */
  options?: Record<string, string>;
  reserved?: ClientReserved;
  networkInterface?: string;
  /** Mbit/s of the fingerprinted network (default 1000). */
  networkSpeed?: number;
  minDynamicPort?: number;
  maxDynamicPort?: number;
  cpuTotalCompute?: number;
  memoryTotalMb?: number;
  diskTotalMb?: number;
  diskFreeMb?: number;
  chrootEnv?: Record<string, string>;
  /** The longest kill_timeout a task may have (default 30 s). */
  maxKillTimeout?: number;
  gcInterval?: number;
  gcMaxAllocs?: number;
  gcDiskUsageThreshold?: number;
  gcInodeUsageThreshold?: number;
  gcParallelDestroys?: number;
  /** `plugin "<name>" { config {} }` per driver. */
  pluginConfigs?: Record<string, Record<string, unknown>>;
  /** The drivers to load (default: the built-in ones). */
  drivers?: ReadonlyMap<string, DriverPlugin>;
  /** The agent's advertised HTTP address (Node.HTTPAddr, `nomad.advertise.address`). */
  httpAddr?: string;
  /** The agent's version (`nomad.version`). */
  version?: string;
  /** How often drivers are fingerprinted again (default 30 s). */
  driverFingerprintInterval?: number;
  /** How long alloc updates are gathered before they are sent (default 200 ms). */
  allocUpdateInterval?: number;
  /** The blocking watch's timeout (default 5 min). */
  watchTimeout?: number;
  logger?: ClientLogger;
}

/** ClientConfig with every default filled in. */
export type ResolvedClientConfig = Required<Omit<ClientConfig, 'reserved'>> & {
  reserved: Required<ClientReserved>;
};

export const silentLogger: ClientLogger = { debug() {}, info() {}, warn() {}, error() {} };

export function resolveClientConfig(c: ClientConfig): ResolvedClientConfig {
  return {
    stateDir: c.stateDir,
    allocDir: c.allocDir,
    name: c.name || hostname(),
    datacenter: c.datacenter || 'dc1',
    region: c.region || 'global',
    nodeClass: c.nodeClass ?? '',
    nodePool: c.nodePool || 'default',
    meta: { ...c.meta },
    options: { ...c.options },
    reserved: {
      cpu: c.reserved?.cpu ?? 0,
      cores: c.reserved?.cores ?? '',
      memory: c.reserved?.memory ?? 0,
      disk: c.reserved?.disk ?? 0,
      reservedPorts: c.reserved?.reservedPorts ?? '',
    },
    networkInterface: c.networkInterface ?? '',
    networkSpeed: c.networkSpeed ?? 1000,
    minDynamicPort: c.minDynamicPort ?? 20000,
    maxDynamicPort: c.maxDynamicPort ?? 32000,
    cpuTotalCompute: c.cpuTotalCompute ?? 0,
    memoryTotalMb: c.memoryTotalMb ?? 0,
    diskTotalMb: c.diskTotalMb ?? 0,
    diskFreeMb: c.diskFreeMb ?? 0,
    chrootEnv: { ...c.chrootEnv },
    maxKillTimeout: c.maxKillTimeout ?? 30_000,
    gcInterval: c.gcInterval ?? 60_000,
    gcMaxAllocs: c.gcMaxAllocs ?? 50,
    gcDiskUsageThreshold: c.gcDiskUsageThreshold ?? 80,
    gcInodeUsageThreshold: c.gcInodeUsageThreshold ?? 70,
    gcParallelDestroys: c.gcParallelDestroys ?? 2,
    pluginConfigs: { ...c.pluginConfigs },
    drivers: c.drivers ?? BUILTIN_DRIVERS,
    httpAddr: c.httpAddr ?? '127.0.0.1:4646',
    version: c.version ?? '0.1.0',
    driverFingerprintInterval: c.driverFingerprintInterval ?? 30_000,
    allocUpdateInterval: c.allocUpdateInterval ?? 200,
    watchTimeout: c.watchTimeout ?? 300_000,
    logger: c.logger ?? silentLogger,
  };
}
