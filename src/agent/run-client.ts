/**
 * Running a client-only agent (`caravan agent -client -servers host:4647`), as Nomad's client
 * agents run: no server in the process; the client reaches the servers it was given over their
 * rpc port (a serf address works too: it says where the rpc port is), moving to the next one
 * when the current one does not answer; and the agent's own HTTP API serves this client's
 * `/v1/client/*`, `/v1/agent/self` and `/v1/agent/health`, forwarding everything else to a
 * server's HTTP API. Stopping it leaves the tasks running for the next start to find.
 */
import { hostname } from 'node:os';
import { Client, silentLogger, type ClientLogger } from '../client/index.js';
import { startClientAgentHttp, type ClientAccess, type HttpServerHandle } from '../server/index.js';
import { advertisedAddr } from './advertise.js';
import { clientAccess, lazyClientAccess } from './client-access.js';
import { clientConfigFor, clientServers } from './client-config.js';
import type { AgentConfig } from './config/schema.js';
import { ServerPool } from './server-pool.js';

export interface ClientAgentHandle {
  http: HttpServerHandle;
  /** `http://host:port` of the HTTP API. */
  url: string;
  dataDir: string;
  client: Client;
  /** The servers the client was given, in the order it tries them. */
  servers: string[];
  stop(): Promise<void>;
}

export interface StartClientAgentOptions {
  config: AgentConfig;
  version: string;
  /** Where the client's log lines go (default: nowhere). */
  logger?: ClientLogger;
}

/** Starts the client and its HTTP API; resolves after the first attempt to register. */
export async function startClientAgent(o: StartClientAgentOptions): Promise<ClientAgentHandle> {
  const c = o.config;
  const dataDir = c.dataDir;
  if (!dataDir) {
    throw new Error('a data directory is required: set data_dir in the config, or pass -data-dir');
  }
  const servers = clientServers(c);
  if (servers.length === 0) {
    throw new Error(
      'a client-only agent needs servers to join: pass -servers, or set client { servers = [...] } ' +
        'or server_join { retry_join = [...] } in the config',
    );
  }
  const pool = new ServerPool(servers);
  const host = c.addresses?.http ?? c.bindAddr ?? '0.0.0.0';
  const info = {
    name: c.name ?? hostname(),
    region: c.region ?? 'global',
    datacenter: c.datacenter ?? 'dc1',
    version: o.version,
  };
  // The HTTP API listens first (the node's HTTPAddr is its address); the client comes after.
  const ref: { client?: Client; access?: ClientAccess } = {};
  const http = await startClientAgentHttp({
    host,
    port: c.ports?.http ?? 4646,
    maxConnsPerClient: c.limits?.httpMaxConnsPerClient ?? 100,
    client: lazyClientAccess(() => ref.access),
    agent: { ...info, rpcAddr: '', serfAddr: '' },
    self: async () => clientAgentSelf(info, dataDir, ref.client, await pool.servers()),
    health: () => pool.status(),
    upstream: () => pool.httpAddress(),
  }).catch((e: unknown) => {
    pool.close();
    throw e;
  });
  const started = new Client(
    clientConfigFor(c, {
      dataDir,
      dev: false,
      httpAddr: advertisedAddr(c.advertise?.http, host, http.port),
      version: o.version,
      logger: o.logger ?? silentLogger,
    }),
    pool,
  );
  ref.client = started;
  ref.access = clientAccess(started);
  try {
    await started.start();
  } catch (e) {
    await http.close();
    await started.shutdown().catch(() => undefined);
    pool.close();
    throw e;
  }
  return {
    http,
    url: http.url,
    dataDir,
    client: started,
    servers,
    async stop() {
      await started.shutdown();
      await http.close();
      pool.close();
    },
  };
}

/**
 * `/v1/agent/self` of a client agent, in Nomad's shape: no member (it is not a server), and the
 * client's stats, whose `node_id` is what `node status -self` looks up.
 */
function clientAgentSelf(
  info: { name: string; region: string; datacenter: string; version: string },
  dataDir: string,
  client: Client | undefined,
  servers: string[],
) {
  return {
    config: {
      Region: info.region,
      Datacenter: info.datacenter,
      NodeName: info.name,
      DataDir: dataDir,
      Version: { Version: info.version, VersionPrerelease: '', VersionMetadata: '', Revision: '' },
      Server: { Enabled: false },
      Client: { Enabled: true, Servers: servers },
    },
    member: { Name: '', Addr: '', Port: 0, Tags: null, Status: '' },
    stats: {
      client: {
        node_id: client?.nodeID() ?? '',
        known_servers: servers.join(','),
        num_allocations: String(client?.allocs().length ?? 0),
      },
      runtime: { arch: process.arch, os: process.platform, version: process.version },
    },
  };
}
