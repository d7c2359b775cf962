/** The job's datacenters, with globs ("us-*"); "*" matches every datacenter. */
import { globMatch } from '../util/glob.js';
import type { FeasibilityCheckerFactory } from './checker.js';

export const datacenterChecker = {
  name: 'datacenter',
  stage: 'pool',
  create: ({ job }) => {
    const dcs = job.Datacenters && job.Datacenters.length > 0 ? job.Datacenters : ['*'];
    if (dcs.includes('*')) return [];
    return [
      {
        classLevel: true,
        check: (node) => (dcs.some((p) => globMatch(p, node.Datacenter)) ? null : 'datacenter'),
      },
    ];
  },
} satisfies FeasibilityCheckerFactory;
