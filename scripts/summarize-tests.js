// Prints vitest's JSON results as the plain closing line "tests: N passed, N failed".
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.test-results.json';
const r = JSON.parse(readFileSync(file, 'utf8'));
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
process.stdout.write(
  `tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` +
    (skipped ? `, ${skipped} skipped` : '') +
    '\n',
);
