/** `caravan server members`: the servers of the cluster, as the agent's gossip sees them. */
import type { AgentMember } from '../../api/index.js';
import { FlagSet, boolFlag } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage } from '../general-options.js';
import { uiFor } from '../io.js';
import { formatList } from '../output/columns.js';
import { goJSON } from '../output/json.js';
import { parseCommandFlags } from '../parse-flags.js';
import { apiErrorText, clientFor } from './api-helpers.js';

const flags = new FlagSet('server members', {
  ...generalFlagDefs,
  detailed: boolFlag(),
  verbose: boolFlag(),
  json: boolFlag(),
});

const help = `Usage: caravan server members [options]

  Display a list of the known servers and their status. Only Caravan servers are
  able to service this command.

  When ACLs are enabled, this command requires a token with the 'node:read'
  capability.

General Options:

  ${generalOptionsUsage({ namespace: false })}

Server Members Options:

  -verbose
    Show detailed information about each member. This dumps a raw set of tags
    which shows more information than the default output format.

  -json
    Output the latest information about each member in a JSON format.`;

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const serverMembersCommand: Command = {
  name: 'server members',
  synopsis: 'Display a list of known servers and their status',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(serverMembersCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const ui = uiFor(io);
    const v = parsed.values;
    if (parsed.args.length !== 0) {
      ui.error('This command takes no arguments');
      ui.error(commandErrorText(serverMembersCommand));
      return 1;
    }
    const client = clientFor(v, io);
    let members: AgentMember[];
    try {
      members = (await client.agent.members()).data.Members ?? [];
    } catch (e) {
      ui.error(`Error querying servers: ${apiErrorText(e, client)}`);
      return 1;
    }
    if (v.json) {
      ui.output(goJSON(members));
      return 0;
    }
    const tag = (m: AgentMember, k: string) => m.Tags?.[k] ?? '';
    members = [...members].sort(
      (a, b) => cmp(tag(a, 'region'), tag(b, 'region')) || cmp(a.Name, b.Name),
    );
    // Each region's leader, "host:port", to mark it in the table.
    const leaders = new Map<string, string>();
    for (const region of new Set(members.map((m) => tag(m, 'region')))) {
      try {
        leaders.set(region, (await client.status.leader({ region: region || undefined })).data);
      } catch {
        leaders.set(region, '');
      }
    }
    const verbose = v.verbose || v.detailed;
    const rows = [
      verbose
        ? 'Name|Address|Port|Status|Leader|Protocol|Raft Version|Build|Datacenter|Region|Tags'
        : 'Name|Address|Port|Status|Leader|Raft Version|Build|Datacenter|Region',
    ];
    for (const m of members) {
      const leader = leaders.get(tag(m, 'region')) === `${m.Addr}:${tag(m, 'port')}`;
      const cells = [m.Name, m.Addr, String(m.Port), m.Status, String(leader)];
      if (verbose) cells.push(String(m.ProtocolCur ?? ''));
      cells.push(tag(m, 'raft_vsn'), tag(m, 'build'), tag(m, 'dc'), tag(m, 'region'));
      if (verbose)
        cells.push(
          Object.keys(m.Tags ?? {})
            .sort()
            .map((k) => `${k}=${tag(m, k)}`)
            .join(','),
        );
      rows.push(cells.join('|'));
    }
    ui.output(formatList(rows));
    return 0;
  },
};
