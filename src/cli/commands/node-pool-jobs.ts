/** `caravan node pool jobs [options] <node-pool>`: the jobs that run in a pool. */
import type { JobListStub } from '../../api/index.js';
import { FlagSet } from '../../lib/index.js';
import { commandErrorText, type Command } from '../command.js';
import { generalFlagDefs, generalOptionsUsage, resolveApiConfig } from '../general-options.js';
import { uiFor } from '../io.js';
import { formatData } from '../output/data-format.js';
import { parseCommandFlags } from '../parse-flags.js';
import { apiErrorText, clientFor } from './api-helpers.js';
import { jobListOutput } from './job-status.js';
import { resolveNodePool } from './node-pool-info.js';
import { commandLineWithoutPageToken, listFlagDefs } from './node-pool-list.js';

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
    const ui = uiFor(io);
    const v = parsed.values;
    if (parsed.args.length !== 1) {
      ui.error('This command takes one argument: <node-pool>');
      ui.error(commandErrorText(nodePoolJobsCommand));
      return 1;
    }
    const client = clientFor(v, io);
    const pool = await resolveNodePool(client, parsed.args[0]!, io);
    if (typeof pool === 'number') return pool;
    let jobs: JobListStub[];
    let nextToken: string;
    try {
      const r = await client.nodePools.listJobs(pool.Name, {
        filter: v.filter,
        perPage: v['per-page'],
        nextToken: v['page-token'],
      });
      jobs = r.data ?? [];
      nextToken = r.meta.nextToken;
    } catch (e) {
      ui.error(`Error querying jobs: ${apiErrorText(e, client)}`);
      return 1;
    }
    if (jobs.length === 0) {
      ui.output('No jobs');
      return 0;
    }
    if (v.json || v.t !== '') {
      const out = formatData(v.json, v.t, jobs);
      if ('error' in out) {
        ui.error(out.error);
        return 1;
      }
      ui.output(out.out);
      return 0;
    }
    ui.output(jobListOutput(jobs, resolveApiConfig(v, io.env).namespace === '*'));
    if (nextToken !== '') {
      // nomad's own text here starts its lines with a space.
      ui.output(
        `\n Results have been paginated. To get the next page run:\n\n ` +
          `${commandLineWithoutPageToken('node pool jobs', args)} -page-token ${nextToken}`,
      );
    }
    return 0;
  },
};
