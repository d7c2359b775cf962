// `npm start`: Caravan's main job. Until the client exists, it reads every example job file,
// validates it, and prints the job Caravan would submit.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'caravan.js');
let failed = 0;
for (const f of readdirSync(join(root, 'examples')).sort()) {
  if (!f.endsWith('.hcl')) continue;
  const file = join('examples', f);
  process.stdout.write(`==> caravan job validate ${file}\n`);
  const v = spawnSync(process.execPath, [bin, 'job', 'validate', file], {
    cwd: root,
    stdio: 'inherit',
  });
  if (v.status !== 0) {
    failed++;
    continue;
  }
  process.stdout.write(`==> caravan job run -output ${file}\n`);
  const r = spawnSync(process.execPath, [bin, 'job', 'run', '-output', file], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
process.stdout.write(
  failed === 0
    ? '\nAll example jobs are valid. The agent that runs them comes with the client (issue 5).\n'
    : `\n${failed} example job(s) failed.\n`,
);
process.exitCode = failed === 0 ? 0 : 1;
