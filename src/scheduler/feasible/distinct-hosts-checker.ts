/**
 * distinct_hosts: at job level no two of the job's allocations share a node; at group (or
 * task) level no two of the group's. Counts what the plan proposes, so it is never cached.
 */
import type { FeasibilityCheckerFactory } from './checker.js';

function has(list: { Operand: string }[] | null | undefined): boolean {
  return !!list && list.some((c) => c.Operand === 'distinct_hosts');
}

export const distinctHostsChecker = {
  name: 'distinct-hosts',
  stage: 'group',
  create: ({ job, tg, proposed }) => {
    if (!tg) return [];
    const jobLevel = has(job.Constraints);
    const groupLevel = has(tg.Constraints) || tg.Tasks.some((t) => has(t.Constraints));
    if (!jobLevel && !groupLevel) return [];
    const name = tg.Name;
    return [
      {
        classLevel: false,
        dynamic: true,
        check: (node) => {
          const u = proposed.usage(node.ID, node);
          if (jobLevel && u.jobTotal > 0) return 'distinct_hosts';
          if (groupLevel && (u.jobGroups.get(name) ?? 0) > 0) return 'distinct_hosts';
          return null;
        },
      },
    ];
  },
} satisfies FeasibilityCheckerFactory;
