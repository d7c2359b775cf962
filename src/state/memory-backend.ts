/** A backend that keeps nothing: for tests and `agent -dev` without a data dir. */
import type { StateBackend } from './backend.js';

export function memoryBackend(): StateBackend {
  return {
    name: 'memory',
    load: () => ({ index: 0, tableIndexes: {}, rows: () => [] }),
    append: () => undefined,
    follow: () => () => undefined,
    close: () => undefined,
  };
}
