/**
 * Running an agent: the server engine (state store, broker, schedulers, plan applier) and the
 * HTTP API in one process, configured from Nomad-style config files and flags. The client
 * (task drivers) comes with issue 5; until then an agent is a server, and nodes come from the
 * simulator.
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
  joinHostPort,
} from '../server/index.js';
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
  stop(): Promise<void>;
}

export interface StartAgentOptions {
  config: AgentConfig;
  /** `-dev`: a throwaway data directory unless one is given, bound to loopback. */
  dev: boolean;
  version: string;
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
  let http: HttpServerHandle;
  let rpc: RpcServerHandle | undefined;
  let serf: SerfListenerHandle | undefined;
  const limits = c.limits ?? {};
  try {
    rpc = await startRpcServer(server.nodes, c.addresses?.rpc ?? host, ports.rpc, {
      maxConnsPerClient: limits.rpcMaxConnsPerClient ?? 100,
      advertise: advertised(c.advertise?.rpc, ports.rpc),
    });
    serf = await startSerfListener({
      host: c.addresses?.serf ?? host,
      port: ports.serf,
      rpcAddr: advertised(c.advertise?.rpc, ports.rpc) ?? rpc.addr,
      maxConnsPerClient: limits.rpcMaxConnsPerClient ?? 100,
    });
    http = await startHttpServer(server, {
      host,
      port: ports.http,
      maxConnsPerClient: limits.httpMaxConnsPerClient ?? 100,
      agent: {
        name: c.name ?? hostname(),
        region: c.region ?? 'global',
        datacenter: c.datacenter ?? 'dc1',
        rpcAddr: rpc.addr,
        serfAddr: serf.addr,
        version: o.version,
      },
    });
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
  return {
    server,
    http,
    url: http.url,
    rpcAddr: rpcHandle.addr,
    serfAddr: serfHandle.addr,
    dataDir,
    async stop() {
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

/** `advertise.rpc` as clients dial it: Nomad takes a bare host and adds the port. */
function advertised(addr: string | undefined, port: number): string | undefined {
  if (!addr) return undefined;
  try {
    if (new URL(`http://${addr}`).port) return addr;
  } catch {
    // a bare IPv6 address: it needs brackets
  }
  return joinHostPort(addr, port);
}
