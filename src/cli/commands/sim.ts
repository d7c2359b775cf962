/**
 * `caravan sim`: simulated client nodes against a server over the network (its rpc port), for
 * trying schedulers and benchmarks without real machines. Runs until SIGINT or SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FlagSet, intFlag, stringFlag } from '../../lib/index.js';
import { DEFAULT_PROFILE, RpcNodeClient, Simulator, parseProfile } from '../../agent/index.js';
import { commandErrorText, type Command } from '../command.js';
import { uiFor } from '../io.js';
import { parseCommandFlags } from '../parse-flags.js';

const flags = new FlagSet('sim', {
  address: stringFlag('127.0.0.1:4647', "The server's rpc address."),
  nodes: intFlag(100, 'How many nodes to simulate.'),
  profile: stringFlag(
    '',
    'A JSON profile of the nodes (datacenters, pools, classes, sizes, meta).',
  ),
  seed: intFlag(1, 'Seed for node attributes and failures.'),
  'max-conns': intFlag(32, 'Concurrent connections to the server.'),
});

const help = `Usage: caravan sim [options]

  Runs simulated client nodes against a Caravan server, over the network, until
  interrupted. The nodes register with attributes, meta, classes, pools,
  datacenters and sizes drawn from a profile, heartbeat, and report the
  allocations the server places on them as running (or failed, at the
  profile's failRate); stopped allocations are reported complete. One watch
  covers up to 1,000 nodes, so thousands of nodes need only a few connections.

  Simulated nodes run nothing: they are for trying scheduling and for
  benchmarks, never in place of real clients.

Sim Options:

  -address=<host:port>
    The server's rpc address (the agent's ports.rpc, default 4647), or its
    serf address (ports.serf, 4648), which tells the simulator the rpc one.
    Defaults to 127.0.0.1:4647.

  -max-conns=<n>
    Concurrent connections to the server. The server refuses more than
    limits.rpc_max_conns_per_client (default 100) from one IP, so keep this
    below it. Defaults to 32.

  -nodes=<n>
    How many nodes to simulate. Defaults to 100.

  -profile=<file>
    A JSON file describing the nodes, for example
    {"datacenters": [{"value": "dc1", "weight": 3}, {"value": "dc2", "weight": 1}],
     "meta": {"rack": [{"value": "r1", "weight": 1}]}, "failRate": 0.01}.
    Anything left out takes the default profile.

  -seed=<n>
    Seed for the nodes' attributes and failures. Defaults to 1.`;

export const simCommand: Command = {
  name: 'sim',
  synopsis: 'Run simulated client nodes against a server',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(simCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    if (parsed.args.length > 0) {
      ui.error('This command takes no arguments');
      ui.error(commandErrorText(simCommand));
      return 1;
    }
    if (v['max-conns'] < 1) {
      ui.error('-max-conns must be at least 1');
      return 1;
    }
    if (v.nodes < 1) {
      ui.error('-nodes must be at least 1');
      return 1;
    }
    let profile = DEFAULT_PROFILE;
    if (v.profile) {
      try {
        profile = parseProfile(readFileSync(resolve(io.cwd, v.profile), 'utf8'), v.profile);
      } catch (e) {
        ui.error(`Error reading profile: ${(e as Error).message}`);
        return 1;
      }
    }
    const rpc = new RpcNodeClient(v.address, { maxConnections: v['max-conns'] });
    const sim = new Simulator(rpc, {
      nodes: v.nodes,
      profile,
      seed: v.seed,
      onRegister: (done, total) => {
        if (done === total || done % 1000 === 0) ui.output(`==> Registered ${done}/${total} nodes`);
      },
      onError: (what, err) => ui.error(`sim: ${what}: ${(err as Error).message ?? String(err)}`),
    });
    try {
      await sim.start();
    } catch (e) {
      ui.error(`Error registering nodes with ${v.address}: ${(e as Error).message}`);
      await sim.stop();
      rpc.close();
      return 1;
    }
    ui.output(`==> ${v.nodes} simulated nodes running against ${v.address}; interrupt to stop`);
    // The simulator's own timers do not hold the process open: this does, until a signal.
    const keepAlive = setInterval(() => undefined, 1 << 30);
    await new Promise<void>((r) => {
      process.once('SIGINT', () => r());
      process.once('SIGTERM', () => r());
    });
    clearInterval(keepAlive);
    const s = sim.stats();
    await sim.stop();
    rpc.close();
    ui.output(
      `==> Stopped: ${s.running} allocations ran, ${s.failed} failed, ${s.completed} completed`,
    );
    return 0;
  },
};
