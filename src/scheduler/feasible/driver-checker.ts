/**
 * The group's task drivers must be present and healthy on the node: the Drivers map when the
 * node reports it (Detected and Healthy), else the fingerprint attribute `driver.<name>`.
 * Cached per computed class unless the group's constraints escape it (see constraint-checker).
 */
import type { Node } from '../../structs/index.js';
import type { FeasibilityCheckerFactory } from './checker.js';
import { constraintsEscape, groupConstraints } from './constraint-checker.js';

function parseGoBool(v: string | undefined): boolean {
  return v === '1' || v === 't' || v === 'T' || v === 'true' || v === 'TRUE' || v === 'True';
}

export function nodeHasDriver(node: Node, driver: string): boolean {
  const info = node.Drivers?.[driver];
  if (info) return info.Detected && info.Healthy;
  return parseGoBool(node.Attributes?.[`driver.${driver}`]);
}

export const driverChecker = {
  name: 'driver',
  stage: 'group',
  create: ({ tg }) => {
    if (!tg) return [];
    const drivers = [...new Set(tg.Tasks.map((t) => t.Driver))];
    return [
      {
        classLevel: !constraintsEscape(groupConstraints(tg)),
        check: (node) => {
          for (const d of drivers) if (!nodeHasDriver(node, d)) return 'missing drivers';
          return null;
        },
      },
    ];
  },
} satisfies FeasibilityCheckerFactory;
