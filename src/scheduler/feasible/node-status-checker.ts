/** Only ready nodes that are eligible for scheduling (not draining, not marked ineligible). */
import type { Node } from '../../structs/index.js';
import type { FeasibilityCheckerFactory } from './checker.js';

export function nodeSchedulable(node: Node): boolean {
  return (
    node.Status === 'ready' && node.SchedulingEligibility === 'eligible' && !node.DrainStrategy
  );
}

export const nodeStatusChecker = {
  name: 'node-status',
  stage: 'pool',
  create: () => [
    { classLevel: false, check: (node) => (nodeSchedulable(node) ? null : 'node not ready') },
  ],
} satisfies FeasibilityCheckerFactory;
