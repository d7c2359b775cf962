/** `caravan version`: prints Caravan's version. */
import type { Command } from '../command.js';
import { uiFor } from '../io.js';
import { versionString } from '../version.js';

export const versionCommand: Command = {
  name: 'version',
  synopsis: 'Prints the Caravan version',
  help: `Usage: caravan version

  Prints the Caravan version.`,
  run: async (_args, io) => {
    uiFor(io).output(versionString());
    return 0;
  },
};
