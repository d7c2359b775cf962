/**
 * Running an agent: the server engine (state store, broker, schedulers, plan applier), the
 * HTTP API, the rpc and serf listeners, and, with `-dev` or `client.enabled`, a client that
 * runs the allocations placed on this machine, in one process, configured from Nomad-style
 * config files and flags. A client-only agent (no server in the process) is run-client.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Server,
  startHttpServer,
  startRpcServer,
  startSerfListener,
  type HttpServerHandle,
  type RpcServerHandle,
  type SerfListenerHandle,
  type ClientAccess,
} from '../server/index.js';
import { Client, silentLogger, type ClientLogger } from '../client/index.js';
import { advertised, advertisedAddr } from './advertise.js';
import { clientAccess, lazyClientAccess } from './client-access.js';
import { clientConfigFor } from './client-config.js';
import type { AgentConfig } from './config/schema.js';

export interface AgentHandle {
  server: Server;
  http: HttpServerHandle;
  /** `http://host:port` of the HTTP API. */
  url: string;
  /** `host:port` of the client protocol (the rpc port). */
  rpcAddr: string;
  /** `host:port` of the serf port (today: where clients ask for the rpc address). */
  serfAddr: string;
  /** The data directory in use (a temporary one for `-dev` without `-data-dir`). */
  dataDir: string;
  /** The client, when this agent runs one. */
  client?: Client;
  stop(): Promise<void>;
}

export interface StartAgentOptions {
  config: AgentConfig;
  /** `-dev`: a throwaway data directory unless one is given, bound to loopback. */
  dev: boolean;
  version: string;
  /** Run a client in this agent too (always with `-dev`; default `client.enabled`). */
  client?: boolean;
  /** Where the client's log lines go (default: nowhere). */
  logger?: ClientLogger;
}

/** Starts the server and the HTTP API; resolves once the API answers. */
export async function startAgent(o: StartAgentOptions): Promise<AgentHandle> {
  const c = o.config;
  const tempDir = !c.dataDir && o.dev ? mkdtempSync(join(tmpdir(), 'caravan-dev-')) : undefined;
  const dataDir = c.dataDir ?? tempDir;
  if (!dataDir)
    throw new Error(
      'a data directory is required: set data_dir in the config, or pass -data-dir or -dev',
    );
  const s = c.server ?? {};
  const ports = { http: 4646, rpc: 4647, serf: 4648, ...c.ports };
  const server = Server.open({
    dataDir,
    numWorkers: s.numSchedulers ?? availableParallelism(),
    heartbeat: defined({
      minTTLMs: s.minHeartbeatTtl,
      maxHeartbeatsPerSecond: s.maxHeartbeatsPerSecond,
      graceMs: s.heartbeatGrace,
    }),
    gc: {
      thresholds: defined({
        evalMs: s.evalGcThreshold,
        jobMs: s.jobGcThreshold,
        nodeMs: s.nodeGcThreshold,
      }),
    },
  });
  await server.start();
  const host = c.addresses?.http ?? (o.dev ? '127.0.0.1' : (c.bindAddr ?? '0.0.0.0'));
  const wantClient = o.client ?? (o.dev || c.client?.enabled === true);
  let http: HttpServerHandle;
  let client: Client | undefined;
  let access: ClientAccess | undefined;
  let rpc: RpcServerHandle | undefined;
  let serf: SerfListenerHandle | undefined;
  const limits = c.limits ?? {};
  // What the rpc and serf ports tell clients about the HTTP API, once it listens: a client-only
  // agent forwards there. An unspecified host (0.0.0.0) means the host the client dialled.
  let httpAddr: string | undefined;
  try {
    rpc = await startRpcServer(server.nodes, c.addresses?.rpc ?? host, ports.rpc, {
      maxConnsPerClient: limits.rpcMaxConnsPerClient ?? 100,
      advertise: advertised(c.advertise?.rpc, ports.rpc),
      httpAddr: () => httpAddr,
    });
    serf = await startSerfListener({
      host: c.addresses?.serf ?? host,
      port: ports.serf,
      rpcAddr: advertised(c.advertise?.rpc, ports.rpc) ?? rpc.addr,
      httpAddr: () => httpAddr,
      maxConnsPerClient: limits.rpcMaxConnsPerClient ?? 100,
    });
    http = await startHttpServer(server, {
      host,
      port: ports.http,
      maxConnsPerClient: limits.httpMaxConnsPerClient ?? 100,
      client: wantClient ? lazyClientAccess(() => access) : undefined,
      agent: {
        name: c.name ?? hostname(),
        region: c.region ?? 'global',
        datacenter: c.datacenter ?? 'dc1',
        rpcAddr: rpc.addr,
        serfAddr: serf.addr,
        version: o.version,
      },
    });
    httpAddr = advertised(c.advertise?.http, http.port) ?? new URL(http.url).host;
  } catch (e) {
    // Whatever started is stopped again.
    await serf?.close().catch(() => undefined);
    await rpc?.close().catch(() => undefined);
    await server.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw e;
  }
  const rpcHandle = rpc;
  const serfHandle = serf;
  if (wantClient) {
    client = new Client(
      clientConfigFor(c, {
        dataDir,
        dev: o.dev,
        httpAddr: advertisedAddr(c.advertise?.http, host, http.port),
        version: o.version,
        logger: o.logger ?? silentLogger,
      }),
      server.nodes,
    );
    access = clientAccess(client);
    try {
      await client.start();
    } catch (e) {
      await http.close();
      await rpcHandle.close();
      await serfHandle.close();
      await client.destroy().catch(() => undefined);
      await server.close();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
      throw e;
    }
  }
  return {
    server,
    http,
    url: http.url,
    rpcAddr: rpcHandle.addr,
    serfAddr: serfHandle.addr,
    dataDir,
    client,
    async stop() {
      // The client lets go of its tasks: a dev agent's throwaway data dir takes them along,
      // as Nomad's dev agent does; otherwise they keep running for the next start to find.
      if (client && tempDir) {
        const c = client;
        c.refuseNewAllocs();
        await Promise.all(c.allocs().map((a) => c.destroyAlloc(a.alloc.ID)));
        await c.destroy();
      } else if (client) {
        await client.shutdown();
      }
      await http.close();
      await rpcHandle.close();
      await serfHandle.close();
      await server.close();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

/** The object without its undefined fields (so that the server's defaults apply to them). */
function defined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}
