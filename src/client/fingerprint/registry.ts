/** The built-in fingerprinters, in the order they run (Nomad's builtinFingerprintMap). */
import { archFingerprinter } from './arch.fingerprint.js';
import { cpuFingerprinter } from './cpu.fingerprint.js';
import { driversFingerprinter } from './drivers.fingerprint.js';
import type { Fingerprinter } from './fingerprinter.js';
import { hostFingerprinter } from './host.fingerprint.js';
import { memoryFingerprinter } from './memory.fingerprint.js';
import { networkFingerprinter } from './network.fingerprint.js';
import { nomadFingerprinter } from './nomad.fingerprint.js';
import { storageFingerprinter } from './storage.fingerprint.js';

export const BUILTIN_FINGERPRINTERS: ReadonlyMap<string, Fingerprinter> = new Map<
  string,
  Fingerprinter
>([
  ['arch', archFingerprinter],
  ['cpu', cpuFingerprinter],
  ['memory', memoryFingerprinter],
  ['host', hostFingerprinter],
  ['storage', storageFingerprinter],
  ['network', networkFingerprinter],
  ['nomad', nomadFingerprinter],
  ['drivers', driversFingerprinter],
]);
