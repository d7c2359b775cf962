/**
 * distinct_hosts: at job level no two of the job's allocations share a node; at group (or
 * task) level no two of the group's. Counts what the plan proposes, so it is never cached.
 * As in Nomad, `value = "false"` turns the constraint off.
 */
import type { Constraint } from '../../structs/index.js';
import type { FeasibilityCheckerFactory } from './checker.js';
import { groupConstraints } from './constraint-checker.js';

/** Go's strconv.ParseBool false spellings; anything else (and no value) enforces it. */
const OFF = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

function has(list: readonly Constraint[]): boolean {
  return list.some((c) => c.Operand === 'distinct_hosts' && !OFF.has(c.RTarget));
}

export const distinctHostsChecker = {
  name: 'distinct-hosts',
  stage: 'group',
  create: ({ job, tg, proposed }) => {
    if (!tg) return [];
    const jobLevel = has(job.Constraints ?? []);
    const groupLevel = has(groupConstraints(tg));
    if (!jobLevel && !groupLevel) return [];
    const name = tg.Name;
    return [
      {
        classLevel: false,
        dynamic: true,
        check: (node) => {
          const u = proposed.usage(node.ID);
          if (jobLevel && u.jobTotal > 0) return 'distinct_hosts';
          if (groupLevel && (u.jobGroups.get(name) ?? 0) > 0) return 'distinct_hosts';
          return null;
        },
      },
    ];
  },
} satisfies FeasibilityCheckerFactory;
