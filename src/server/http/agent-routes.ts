/**
 * /v1/status, /v1/regions, /v1/agent and /v1/operator/raft: this agent describing itself.
 * Until servers cluster, the agent is its own leader and its only raft peer.
 */
import type { RequestContext, Route } from './types.js';

function member(ctx: RequestContext) {
  const [addr, port] = splitHostPort(ctx.agent.serfAddr);
  const [, rpcPort] = splitHostPort(ctx.agent.rpcAddr);
  return {
    Name: `${ctx.agent.name}.${ctx.agent.region}`,
    Addr: addr,
    Port: port,
    Tags: {
      role: 'nomad',
      region: ctx.agent.region,
      dc: ctx.agent.datacenter,
      build: ctx.agent.version,
      port: String(rpcPort),
      bootstrap: '1',
      expect: '1',
      vsn: '1',
      raft_vsn: '3',
    },
    Status: 'alive',
    ProtocolMin: 1,
    ProtocolMax: 5,
    ProtocolCur: 2,
    DelegateMin: 2,
    DelegateMax: 5,
    DelegateCur: 4,
  };
}

function splitHostPort(hp: string): [string, number] {
  const i = hp.lastIndexOf(':');
  return i < 0 ? [hp, 0] : [hp.slice(0, i), Number(hp.slice(i + 1)) || 0];
}

export const agentRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/status/leader',
    capability: 'none',
    handler: (ctx) => ({ body: ctx.agent.rpcAddr }),
  },
  {
    method: 'GET',
    path: '/v1/status/peers',
    capability: 'none',
    handler: (ctx) => ({ body: [ctx.agent.rpcAddr] }),
  },
  {
    method: 'GET',
    path: '/v1/regions',
    capability: 'none',
    handler: (ctx) => ({ body: [ctx.agent.region] }),
  },
  {
    method: 'GET',
    path: '/v1/agent/self',
    capability: 'agent:read',
    handler: (ctx) => ({
      body: {
        config: {
          Region: ctx.agent.region,
          Datacenter: ctx.agent.datacenter,
          NodeName: ctx.agent.name,
          Version: {
            Version: ctx.agent.version,
            VersionPrerelease: '',
            VersionMetadata: '',
            Revision: '',
          },
          Server: { Enabled: true },
          Client: { Enabled: ctx.client !== undefined },
        },
        member: member(ctx),
        stats: {
          nomad: {
            server: 'true',
            leader: 'true',
            leader_addr: ctx.agent.rpcAddr,
            known_regions: '1',
          },
          // `node status -self` finds the local node here, as Nomad's CLI does.
          ...(ctx.client && { client: { node_id: ctx.client.nodeID() } }),
          runtime: { arch: process.arch, os: process.platform, version: process.version },
        },
      },
    }),
  },
  {
    method: 'GET',
    path: '/v1/agent/members',
    capability: 'node:read',
    handler: (ctx) => ({
      body: {
        ServerName: ctx.agent.name,
        ServerRegion: ctx.agent.region,
        ServerDC: ctx.agent.datacenter,
        Members: [member(ctx)],
      },
    }),
  },
  {
    method: 'GET',
    path: '/v1/agent/servers',
    capability: 'agent:read',
    handler: (ctx) => ({ body: [ctx.agent.rpcAddr] }),
  },
  {
    method: 'GET',
    path: '/v1/agent/health',
    capability: 'none',
    handler: (ctx) => ({
      body: {
        server: ctx.server.isRunning()
          ? { ok: true, message: 'ok' }
          : { ok: false, message: 'server is not running' },
      },
      status: ctx.server.isRunning() ? 200 : 500,
    }),
  },
  {
    method: 'GET',
    path: '/v1/operator/raft/configuration',
    capability: 'operator:read',
    handler: (ctx) => ({
      body: {
        Servers: [
          {
            ID: ctx.agent.name,
            Node: `${ctx.agent.name}.${ctx.agent.region}`,
            Address: ctx.agent.rpcAddr,
            Leader: true,
            Voter: true,
            RaftProtocol: '3',
          },
        ],
        Index: ctx.state.index,
      },
    }),
  },
];
