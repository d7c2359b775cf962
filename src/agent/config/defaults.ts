/** The configuration an agent starts from before its files (Nomad's DefaultConfig). */
import type { AgentConfig } from './schema.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;

export function defaultAgentConfig(): AgentConfig {
  return {
    region: 'global',
    datacenter: 'dc1',
    logLevel: 'INFO',
    bindAddr: '0.0.0.0',
    ports: { http: 4646, rpc: 4647, serf: 4648 },
    addresses: {},
    advertise: {},
    limits: {
      httpsHandshakeTimeout: 5 * S,
      httpMaxConnsPerClient: 100,
      rpcHandshakeTimeout: 5 * S,
      rpcMaxConnsPerClient: 100,
    },
    server: {
      enabled: false,
      heartbeatGrace: 10 * S,
      minHeartbeatTtl: 10 * S,
      maxHeartbeatsPerSecond: 50,
      jobGcThreshold: 4 * H,
      evalGcThreshold: 1 * H,
      deploymentGcThreshold: 1 * H,
      nodeGcThreshold: 24 * H,
      raftProtocol: 3,
      serverJoin: { retryMax: 0, retryInterval: 30 * S },
    },
    client: {
      enabled: false,
      nodePool: 'default',
      minDynamicPort: 20000,
      maxDynamicPort: 32000,
      maxKillTimeout: 30 * S,
      gcInterval: 1 * M,
      gcParallelDestroys: 2,
      gcDiskUsageThreshold: 80,
      gcInodeUsageThreshold: 70,
      gcMaxAllocs: 50,
      bridgeNetworkName: 'nomad',
      bridgeNetworkSubnet: '172.26.64.0/20',
      cniPath: '/opt/cni/bin',
      cniConfigDir: '/opt/cni/config',
      serverJoin: { retryMax: 0, retryInterval: 30 * S },
    },
    acl: { enabled: false, tokenTtl: 30 * S, policyTtl: 30 * S, roleTtl: 30 * S },
    telemetry: { collectionInterval: 1 * S },
    consul: {
      address: '127.0.0.1:8500',
      serverServiceName: 'nomad',
      clientServiceName: 'nomad-client',
      autoAdvertise: true,
      serverAutoJoin: true,
      clientAutoJoin: true,
    },
    vault: { enabled: false, address: 'https://vault.service.consul:8200' },
    ui: { enabled: true },
  };
}
