/** fingerprint: what the client learns about its machine (plugins, registry, node builder). */
export type {
  FingerprintContext,
  FingerprintResources,
  FingerprintResult,
  Fingerprinter,
} from './fingerprinter.js';
export { BUILTIN_FINGERPRINTERS } from './registry.js';
export { buildNode, driversChanged, fingerprintNode, type Fingerprint } from './node-builder.js';
export { goArch } from './arch.fingerprint.js';
export { parseCoreSet } from './cpu.fingerprint.js';
