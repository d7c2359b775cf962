/** The job's node pool; the built-in pool "all" takes every node. */
import type { FeasibilityCheckerFactory } from './checker.js';

export const nodePoolChecker = {
  name: 'node-pool',
  stage: 'pool',
  create: ({ job }) => {
    const pool = job.NodePool || 'default';
    if (pool === 'all') return [];
    return [
      {
        classLevel: true,
        check: (node) => ((node.NodePool || 'default') === pool ? null : 'node pool'),
      },
    ];
  },
} satisfies FeasibilityCheckerFactory;
