/**
 * The agent's configuration as the client reads it: the `client {}` block, the agent-wide
 * settings (name, datacenter, region, data_dir, advertise), and `plugin "<driver>" {}` blocks.
 * `-dev` enables raw_exec and fingerprints the loopback interface (so tasks' ports are
 * published on 127.0.0.1) unless the config says otherwise, as Nomad's dev mode does.
 */
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { ClientConfig as RunnerConfig, ClientLogger } from '../client/index.js';
import type { AgentConfig } from './config/schema.js';

export function clientConfigFor(
  c: AgentConfig,
  o: { dataDir: string; dev: boolean; httpAddr: string; version: string; logger: ClientLogger },
): RunnerConfig {
  const cl = c.client ?? {};
  const plugins: Record<string, Record<string, unknown>> = {};
  for (const [name, p] of Object.entries(c.plugin ?? {})) {
    const cfg = (p as { config?: unknown }).config;
    plugins[name] = cfg && typeof cfg === 'object' && !Array.isArray(cfg) ? { ...cfg } : {};
  }
  if (o.dev) plugins.raw_exec = { enabled: true, ...plugins.raw_exec };
  const r = cl.reserved;
  return {
    stateDir: cl.stateDir ?? join(o.dataDir, 'client'),
    allocDir: cl.allocDir ?? join(o.dataDir, 'alloc'),
    name: c.name,
    datacenter: c.datacenter,
    region: c.region,
    nodeClass: cl.nodeClass,
    nodePool: cl.nodePool,
    meta: cl.meta,
    options: cl.options,
    reserved: r && {
      cpu: r.cpu,
      cores: r.cores,
      memory: r.memory,
      disk: r.disk,
      reservedPorts: r.reservedPorts,
    },
    networkInterface: cl.networkInterface ?? (o.dev ? loopbackInterface() : undefined),
    networkSpeed: cl.networkSpeed,
    minDynamicPort: cl.minDynamicPort,
    maxDynamicPort: cl.maxDynamicPort,
    cpuTotalCompute: cl.cpuTotalCompute,
    memoryTotalMb: cl.memoryTotalMb,
    diskTotalMb: cl.diskTotalMb,
    diskFreeMb: cl.diskFreeMb,
    chrootEnv: cl.chrootEnv,
    maxKillTimeout: cl.maxKillTimeout,
    gcInterval: cl.gcInterval,
    gcMaxAllocs: cl.gcMaxAllocs,
    gcDiskUsageThreshold: cl.gcDiskUsageThreshold,
    gcInodeUsageThreshold: cl.gcInodeUsageThreshold,
    gcParallelDestroys: cl.gcParallelDestroys,
    pluginConfigs: plugins,
    httpAddr: o.httpAddr,
    version: o.version,
    logger: o.logger,
  };
}

/** The name of the IPv4 loopback interface (`lo` on Linux), or undefined when there is none. */
function loopbackInterface(): string | undefined {
  const ifaces = networkInterfaces();
  return Object.keys(ifaces).find((n) => ifaces[n]?.some((a) => a.internal && a.family === 'IPv4'));
}

/** The servers a client-only agent dials: `servers`, then `server_join.retry_join`. */
export function clientServers(c: AgentConfig): string[] {
  const cl = c.client ?? {};
  return [...(cl.servers ?? []), ...(cl.serverJoin?.retryJoin ?? [])];
}
