/** `nomad.version` and `nomad.advertise.address` (the agent's HTTP address). */
import type { Fingerprinter } from './fingerprinter.js';

export const nomadFingerprinter = {
  name: 'nomad',
  fingerprint: async (ctx) => ({
    attributes: {
      'nomad.version': ctx.config.version,
      'nomad.advertise.address': ctx.config.httpAddr,
    },
  }),
} satisfies Fingerprinter;
