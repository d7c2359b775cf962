// `npm run bench -- NAME [args]`: runs bench/NAME.bench.ts, which prints its figures.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Benchmarks measure what users run: production mode (no deep-freezing of stored objects).
process.env.NODE_ENV ??= 'production';

const here = dirname(fileURLToPath(import.meta.url));
const names = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''));
const name = process.argv[2];
if (!name || !names.includes(name)) {
  process.stderr.write(`Usage: npm run bench -- NAME\n\nBenchmarks: ${names.join(', ')}\n`);
  process.exit(name ? 1 : 0);
}
await import(pathToFileURL(join(here, `${name}.bench.ts`)).href);
