/** `cpu.arch` in Go's names (GOARCH), as Nomad reports it: amd64, arm64, 386... */
import { arch } from 'node:os';
import type { Fingerprinter } from './fingerprinter.js';

const GOARCH: Record<string, string> = {
  x64: 'amd64',
  ia32: '386',
  arm64: 'arm64',
  arm: 'arm',
  ppc64: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
  mips: 'mips',
  mipsel: 'mipsle',
  loong64: 'loong64',
};

/** Node's process.arch in Go's spelling. */
export function goArch(nodeArch: string = arch()): string {
  return GOARCH[nodeArch] ?? nodeArch;
}

export const archFingerprinter = {
  name: 'arch',
  fingerprint: async () => ({ attributes: { 'cpu.arch': goArch() } }),
} satisfies Fingerprinter;
