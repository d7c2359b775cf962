/**
 * sim: simulated client nodes on the server's node interface, for tests and benchmarks.
 */
export {
  Simulator,
  seededRandom,
  type SimulatorOptions,
  type SimulatorStats,
} from './simulator.js';
export {
  DEFAULT_PROFILE,
  parseProfile,
  pick,
  type NodeSize,
  type SimProfile,
  type Weighted,
} from './profile.js';
export { simNode, type SimNodeOptions } from './node-factory.js';
