/** The built-in feasibility checkers, in the order they run within a stage. */
import type { FeasibilityCheckerFactory } from './checker.js';
import { groupConstraintChecker, jobConstraintChecker } from './constraint-checker.js';
import { datacenterChecker } from './datacenter-checker.js';
import { distinctHostsChecker } from './distinct-hosts-checker.js';
import { distinctPropertyChecker } from './distinct-property-checker.js';
import { driverChecker } from './driver-checker.js';
import { nodePoolChecker } from './node-pool-checker.js';
import { nodeStatusChecker } from './node-status-checker.js';

export const feasibilityCheckers = {
  [nodeStatusChecker.name]: nodeStatusChecker,
  [datacenterChecker.name]: datacenterChecker,
  [nodePoolChecker.name]: nodePoolChecker,
  [jobConstraintChecker.name]: jobConstraintChecker,
  [driverChecker.name]: driverChecker,
  [groupConstraintChecker.name]: groupConstraintChecker,
  [distinctHostsChecker.name]: distinctHostsChecker,
  [distinctPropertyChecker.name]: distinctPropertyChecker,
} satisfies Record<string, FeasibilityCheckerFactory>;

export const FEASIBILITY_CHECKERS: readonly FeasibilityCheckerFactory[] =
  Object.values(feasibilityCheckers);
