/** `caravan node pool jobs [options] <node-pool>`: the jobs that run in a pool. */
import type { JobListStub } from '../../api/index.js';
import { FlagSet } from '../../lib/index.js';
import type { Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage, resolveApiConfig } from '../general-options.js';
import { parseCommandFlags } from '../parse-flags.js';
import { jobListOutput } from './job-status.js';
import { listFlagDefs } from './node-pool-list.js';
import { listPoolMembers } from './node-pool-members.js';

const flags = new FlagSet('node pool jobs', { ...generalFlagDefs, ...listFlagDefs });

const help = `Usage: caravan node pool jobs <node-pool>

  Node pool jobs is used to list jobs in a given node pool.

  If ACLs are enabled, this command requires a token with the 'read' capability
  in a 'node_pool' policy that matches the node pool being targeted. The results
  will be filtered by the namespaces where the token has 'read-job' capability.

General Options:

  ${generalOptionsUsage({ namespace: true })}

Node Pool Jobs Options:

  -filter
    Specifies an expression used to filter jobs from the results.
    The filter is applied to the job and not the node pool.

  -json
    Output the list in JSON format.

  -page-token
    Where to start pagination.

  -per-page
    How many results to show per page. If not specified, or set to 0, all
    results are returned.

  -t
    Format and display node pool using a Go template.`;

export const nodePoolJobsCommand: Command = {
  name: 'node pool jobs',
  synopsis: 'Fetch a list of jobs in a node pool',
  help,
  flags,
  run: async (args, io) => {
    const parsed = parseCommandFlags(nodePoolJobsCommand, flags, args, io);
    if (typeof parsed === 'number') return parsed;
    const v = parsed.values;
    return listPoolMembers<JobListStub>(
      {
        command: nodePoolJobsCommand,
        noun: 'jobs',
        list: (client, pool, q) => client.nodePools.listJobs(pool, q),
        table: (jobs) => jobListOutput(jobs, resolveApiConfig(v, io.env).namespace === '*'),
        // nomad's own text here starts its lines with a space.
        pageHint: (line, token) =>
          `\n Results have been paginated. To get the next page run:\n\n ${line} -page-token ${token}`,
      },
      v,
      parsed.args,
      args,
      io,
    );
  },
};
