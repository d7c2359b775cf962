// `npm start`: Caravan's main job. Starts a dev agent (server and client in one process, on a
// temporary data directory, raw_exec enabled) in the foreground, runs examples/hello.nomad.hcl
// on it once it answers, and says where to look. Ctrl-C stops the agent (and its tasks).
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'caravan.js');
const port = process.env.CARAVAN_HTTP_PORT ?? '4646';
const addr = `http://127.0.0.1:${port}`;
const extra = process.env.CARAVAN_HTTP_PORT
  ? ['-config', writePortsConfig(Number(process.env.CARAVAN_HTTP_PORT))]
  : [];

function writePortsConfig(http) {
  // For running beside another agent: every port moves up from the given HTTP one.
  const dir = spawnSync('mktemp', ['-d'], { encoding: 'utf8' }).stdout.trim();
  const file = join(dir, 'ports.hcl');
  spawnSync('sh', [
    '-c',
    `printf 'ports {\\n  http = ${http}\\n  rpc = ${http + 1}\\n  serf = ${http + 2}\\n}\\n' > ${file}`,
  ]);
  return file;
}

const agent = spawn(process.execPath, [bin, 'agent', '-dev', ...extra], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
});
let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    stopping = true;
    agent.kill(sig);
  });
}
agent.on('exit', (code, signal) => {
  process.exitCode = stopping ? 0 : (code ?? (signal ? 1 : 0));
  if (!stopping) process.stderr.write(`\n==> The agent exited (${signal ?? code}).\n`);
});

async function waitForAgent() {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && agent.exitCode === null) {
    try {
      const r = await fetch(`${addr}/v1/agent/health`);
      if (r.ok) {
        const nodes = await (await fetch(`${addr}/v1/nodes`)).json();
        if (Array.isArray(nodes) && nodes.some((n) => n.Status === 'ready')) return true;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

if (await waitForAgent()) {
  process.stdout.write(`\n==> caravan job run examples/hello.nomad.hcl\n`);
  const run = spawnSync(process.execPath, [bin, 'job', 'run', 'examples/hello.nomad.hcl'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NOMAD_ADDR: addr },
  });
  if (run.status === 0) {
    process.stdout.write(
      [
        '',
        '==> The hello job is running. Where to look:',
        `    caravan job status hello          (NOMAD_ADDR=${addr})`,
        '    caravan alloc logs -f -job hello  (its greeting, every 5 s)',
        `    curl ${addr}/v1/job/hello/allocations`,
        '    Ctrl-C stops the agent and its tasks.',
        '',
      ].join('\n'),
    );
  } else {
    process.stderr.write(`\n==> job run exited with ${run.status}; the agent keeps running.\n`);
  }
} else if (agent.exitCode === null) {
  process.stderr.write('\n==> The agent did not answer within 60 s; stopping it.\n');
  agent.kill('SIGTERM');
}
