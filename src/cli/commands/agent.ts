/**
 * `caravan agent`: runs an agent in the foreground until SIGINT or SIGTERM, as nomad's does:
 * a server with the HTTP, rpc and serf listeners, a client running tasks (`-client`, and
 * always with `-dev`), or both. A client-only agent reaches the servers given by `-servers`
 * (or `client.servers`, `server_join.retry_join`).
 */
import {
  loadAgentConfig,
  startAgent,
  startClientAgent,
  type AgentConfig,
  type ClientLogger,
} from '../../agent/index.js';
import { formatDiagnostic } from '../../jobspec/index.js';
import { FlagSet, boolFlag, stringFlag, stringListFlag } from '../../lib/index.js';
import type { Command } from '../command.js';
import { uiFor, type Ui } from '../io.js';
import { formatMultiError } from '../output/multierror.js';
import { parseCommandFlags } from '../parse-flags.js';
import { versionString } from '../version.js';

const flags = new FlagSet('agent', {
  dev: boolFlag(false, 'Start the agent in development mode.'),
  server: boolFlag(false, 'Enable server mode for the agent.'),
  client: boolFlag(false, 'Enable client mode for the agent.'),
  config: stringListFlag('A config file or directory; may be given several times.'),
  'data-dir': stringFlag('', 'The data directory.'),
  bind: stringFlag('', 'The address the agent binds to.'),
  region: stringFlag('', 'The region of the agent.'),
  dc: stringFlag('', 'The datacenter of the agent.'),
  node: stringFlag('', 'The name of the agent.'),
  servers: stringFlag('', 'Comma-separated servers for a client to join.'),
});

const help = `Usage: caravan agent [options]

  Starts the Caravan agent and runs until an interrupt is received.
  The agent may be a client and/or server.

  The Caravan agent's configuration primarily comes from the config
  files used, but a subset of the options may also be passed directly
  as CLI arguments, listed below.

General Options (clients and servers):

  -bind=<addr>
    The address the agent will bind to for all of its various network
    services. The individual services that run bind to individual
    ports on this address. Defaults to the loopback 127.0.0.1 in -dev
    mode, 0.0.0.0 otherwise.

  -config=<path>
    The path to either a single config file or a directory of config
    files to use for configuring the Caravan agent. This option may be
    specified multiple times. Files are merged in the order given.

  -data-dir=<path>
    The data directory used to store state and other persistent data.
    In -dev mode a temporary directory is used unless this is given.

  -dc=<datacenter>
    The name of the datacenter this Caravan agent is a member of.

  -dev
    Start the agent in development mode: a server and a client in one
    process on a temporary data directory, bound to the loopback address,
    with raw_exec enabled. Stopping a -dev agent stops its tasks.

  -node=<name>
    The name of the local agent.

  -region=<region>
    Name of the region the Caravan agent will be a member of.

Server Options:

  -server
    Enable server mode for the agent.

Client Options:

  -client
    Enable client mode for the agent: fingerprint this machine, register it
    and run the allocations placed on it. Without -server the agent runs
    only a client, which reaches the servers given by -servers (or the
    config's client { servers } or server_join { retry_join }); its HTTP
    API serves /v1/client/* for its own allocations and forwards the rest
    to a server.

  -servers
    A list of known server addresses to connect to given as "host:port"
    and delimited by commas: rpc ports (4647), or serf ports (4648), which
    say where the rpc port is. The client tries them in turn.`;

export const agentCommand: Command = {
  name: 'agent',
  synopsis: 'Runs a Caravan agent',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(agentCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    const loaded = loadAgentConfig(v.config, { cwd: io.cwd });
    for (const w of loaded.warnings) ui.error(formatDiagnostic(w));
    if (loaded.errors.length > 0) {
      ui.error(
        `Error loading configuration:\n${formatMultiError(loaded.errors.map(formatDiagnostic)).trimEnd()}`,
      );
      return 1;
    }
    const config: AgentConfig = loaded.config;
    if (v['data-dir']) config.dataDir = v['data-dir'];
    if (v.bind) config.bindAddr = v.bind;
    if (v.region) config.region = v.region;
    if (v.dc) config.datacenter = v.dc;
    if (v.node) config.name = v.node;
    const clientWanted = v.dev || v.client || config.client?.enabled === true;
    const serverWanted = v.dev || v.server || config.server?.enabled === true;
    if (!serverWanted && !clientWanted) {
      ui.error('Must specify either server, client or dev mode for the agent.');
      return 1;
    }
    if (v.servers) {
      const servers = v.servers
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      config.client = { ...config.client, servers };
    }
    const version = versionString().replace(/^Caravan v/, '');
    const logger = agentLogger(ui, config.logLevel ?? 'INFO');
    let agent: { stop(): Promise<void> };
    let addrs: string[];
    // A signal during start-up is kept and honoured once the agent is up, so that it still
    // shuts down cleanly rather than dying half-started.
    // Signals stay handled until the process ends: Ctrl-C in a terminal reaches the agent both
    // from the terminal and from a wrapper that forwards it (`npm start`), and that second copy
    // must not kill a shutdown that is stopping tasks. A signal more than a second after the
    // first forces the exit, as a second Ctrl-C does with nomad.
    let firstSignalAt = 0;
    const signalled = new Promise<void>((resolve) => {
      const onSignal = () => {
        const now = Date.now();
        if (firstSignalAt === 0) {
          firstSignalAt = now;
          resolve();
        } else if (now - firstSignalAt > 1_000) {
          ui.error('==> Caught second signal: exiting without finishing the shutdown');
          process.exit(1);
        }
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    });
    try {
      if (serverWanted) {
        const a = await startAgent({ config, dev: v.dev, client: clientWanted, version, logger });
        agent = a;
        addrs = [
          `       Client: ${a.client !== undefined}`,
          `    Log Level: ${config.logLevel ?? 'INFO'}`,
          `       Region: ${config.region ?? 'global'} (DC: ${config.datacenter ?? 'dc1'})`,
          `       Server: true`,
          `          API: ${a.url}`,
          `          RPC: ${a.rpcAddr}`,
          `     Data Dir: ${a.dataDir}`,
        ];
      } else {
        const a = await startClientAgent({ config, version, logger });
        agent = a;
        addrs = [
          `       Client: true`,
          `    Log Level: ${config.logLevel ?? 'INFO'}`,
          `      Node Id: ${a.client.nodeID()}`,
          `       Region: ${config.region ?? 'global'} (DC: ${config.datacenter ?? 'dc1'})`,
          `       Server: false`,
          `          API: ${a.url}`,
          `      Servers: ${a.servers.join(', ')}`,
          `     Data Dir: ${a.dataDir}`,
        ];
      }
    } catch (e) {
      ui.error(`Error starting agent: ${(e as Error).message}`);
      return 1;
    }
    ui.output(
      [
        '==> Caravan agent configuration:',
        '',
        ...addrs,
        `      Version: ${versionString().replace(/^Caravan /, '')}`,
        '',
        '==> Caravan agent started! Log data will stream in below:',
      ].join('\n'),
    );
    await signalled;
    ui.output('==> Caught signal: shutting down');
    await agent.stop();
    ui.output('==> Shutdown complete');
    // The agent is done, as Nomad's exits once shut down. The tasks it let go of keep running,
    // and what a driver still holds on them (today the executor's wait connection of each task)
    // must not keep the process: if anything does after a second, the process ends anyway.
    setTimeout(() => process.exit(), 1000).unref();
    return 0;
  },
};

const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];

/** The client's log lines on stdout, Nomad's way: `    2024-05-01T10:00:00.000Z [INFO]  client: ...`. */
function agentLogger(ui: Ui, level: string): ClientLogger {
  const min = Math.max(0, LEVELS.indexOf(level.toUpperCase()));
  const line = (lvl: string) => (msg: string) => {
    if (LEVELS.indexOf(lvl) < min) return;
    ui.output(
      `    ${new Date().toISOString()} [${lvl}]${' '.repeat(6 - lvl.length)}client: ${msg}`,
    );
  };
  return { debug: line('DEBUG'), info: line('INFO'), warn: line('WARN'), error: line('ERROR') };
}
