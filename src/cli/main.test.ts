import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RUN_RESULT_HELP, type Command } from './command.js';
import { memoryIO } from './io.js';
import { main, processArgs } from './main.js';
import { registry, type CommandEntry, type Registry } from './registry.js';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

const TOP_HELP = `Usage: caravan [-version] [-help] [-autocomplete-(un)install] <command> [args]

Common commands:
    run         Run a new job or update an existing job
    stop        Stop a running job
    status      Display the status output for a resource
    alloc       Interact with allocations
    job         Interact with jobs
    node        Interact with nodes
    agent       Runs a Caravan agent

Other commands:
    config        Interact with configurations
    eval          Interact with evaluations
    fmt           Rewrites Caravan config and job files to canonical format
    operator      Provides cluster-level tools for Caravan operators
    server        Interact with servers
    sim           Run simulated client nodes against a server
    version       Prints the Caravan version
`;

const JOB_HELP = `Usage: caravan job <subcommand> [options] [args]

  This command groups subcommands for interacting with jobs.

  Run a new job or update an existing job:

      $ caravan job run <path>

  Check a job file for errors without running it:

      $ caravan job validate <path>

  Print the JSON that would be submitted to the API:

      $ caravan job run -output <path>

  Please see the individual subcommand help for detailed usage information.

Subcommands:
    history     Display all tracked versions of a job
    inspect     Inspect a submitted job
    plan        Dry-run a job update to determine its effects
    revert      Revert to a prior version of the job
    run         Run a new job or update an existing job
    scale       Change the count of a job group
    status      Display status information about a job
    stop        Stop a running job
    validate    Checks if a given job specification is valid
`;

async function run(args: string[]) {
  const io = memoryIO();
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('caravan (top level)', () => {
  it('prints the command list on --help, -help and -h, exit 0', async () => {
    for (const h of ['--help', '-help', '-h'])
      expect(await run([h])).toEqual({ code: 0, out: TOP_HELP, err: '' });
  });

  it('prints the command list and exits 127 without a command, like nomad', async () => {
    expect(await run([])).toEqual({ code: 127, out: TOP_HELP, err: '' });
  });

  it('prints the command list on stderr and exits 127 for an unknown command', async () => {
    expect(await run(['nope', 'x'])).toEqual({ code: 127, out: '', err: TOP_HELP });
  });

  it('prints the version for -version, -v and --version, and for `version`', async () => {
    for (const v of ['-version', '-v', '--version'])
      expect(await run([v])).toEqual({ code: 0, out: `Caravan v${VERSION}\n`, err: '' });
    expect(await run(['version'])).toEqual({ code: 0, out: `Caravan v${VERSION}\n`, err: '' });
    expect(VERSION).toBe('0.1.0');
  });

  it('rejects flags before the command', async () => {
    const r = await run(['-address=x', 'version']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      'Invalid flags before the subcommand. If these flags are for\n' +
        'the subcommand, please put them after the subcommand.\n\n' +
        'Usage: caravan version\n\n  Prints the Caravan version.\n',
    );
  });

  it('refuses the autocomplete flags cleanly', async () => {
    expect(await run(['-autocomplete-install'])).toEqual({
      code: 1,
      out: '',
      err: 'Error executing CLI: shell autocompletion is not supported yet\n',
    });
  });
});

describe('parent commands', () => {
  it('`caravan job` prints the job help and subcommands on stderr, exit 1', async () => {
    expect(await run(['job'])).toEqual({ code: 1, out: '', err: JOB_HELP });
    expect(await run(['job', 'nonsense'])).toEqual({ code: 1, out: '', err: JOB_HELP });
  });

  it('`caravan job -help` prints the same on stdout, exit 0', async () => {
    expect(await run(['job', '-help'])).toEqual({ code: 0, out: JOB_HELP, err: '' });
    expect(await run(['-h', 'job'])).toEqual({ code: 0, out: JOB_HELP, err: '' });
  });
});

describe('command help', () => {
  const leaves: [string[], string][] = [
    [['job', 'run'], 'Usage: caravan job run [options] <path>\nAlias: caravan run\n'],
    [['run'], 'Usage: caravan job run [options] <path>\nAlias: caravan run\n'],
    [
      ['job', 'validate'],
      'Usage: caravan job validate [options] <path>\nAlias: caravan validate\n',
    ],
    [['validate'], 'Usage: caravan job validate [options] <path>\nAlias: caravan validate\n'],
    [['fmt'], 'Usage: caravan fmt [flags] paths ...\n'],
    [['version'], 'Usage: caravan version\n'],
  ];

  it.each(leaves)('%j -help prints the command help, exit 0', async (path, start) => {
    const entry = registry.get(path.join(' ')) as CommandEntry;
    for (const h of ['-help', '--help', '-h']) {
      const r = await run([...path, h]);
      expect(r).toEqual({ code: 0, out: entry.command.help + '\n', err: '' });
      expect(r.out.startsWith(start)).toBe(true);
    }
  });

  it('finds -help anywhere before "--", even after positional arguments', async () => {
    const r = await run(['job', 'run', '-output', 'x.hcl', '-help']);
    expect(r.code).toBe(0);
    expect(r.out.startsWith('Usage: caravan job run')).toBe(true);
  });

  it('puts General Options before the command options in API commands', async () => {
    for (const [path, section] of [
      ['job run', 'Run Options:'],
      ['job validate', 'Validate Options:'],
    ] as const) {
      const help = (registry.get(path) as CommandEntry).command.help;
      const general = help.indexOf('\nGeneral Options:\n\n  -address=<addr>\n');
      expect(general).toBeGreaterThan(0);
      expect(help.indexOf(`\n${section}\n`)).toBeGreaterThan(general);
      for (const f of ['-region=<region>', '-namespace=<namespace>', '-token', '-ca-cert=<path>'])
        expect(help).toContain(`\n  ${f}\n`);
    }
  });
});

describe('processArgs', () => {
  it('picks the longest registered command path', () => {
    expect(processArgs(['job', 'run', '-output', 'a.hcl'], registry)).toMatchObject({
      subcommand: 'job run',
      subcommandArgs: ['-output', 'a.hcl'],
    });
    expect(processArgs(['job', 'runner'], registry)).toMatchObject({
      subcommand: 'job',
      subcommandArgs: ['runner'],
    });
  });

  it('stops looking for help at "--"', () => {
    expect(processArgs(['fmt', '--', '-h'], registry)).toMatchObject({
      subcommand: 'fmt',
      subcommandArgs: ['--', '-h'],
      isHelp: false,
    });
  });

  it("treats -version after the command as the command's argument", () => {
    expect(processArgs(['fmt', '-version'], registry)).toMatchObject({
      isVersion: false,
      subcommandArgs: ['-version'],
    });
  });
});

describe('a registry of custom commands', () => {
  it('passes arguments through and returns the exit status', async () => {
    const seen: string[][] = [];
    const cmd: Command = {
      name: 'echo',
      synopsis: 'Echoes',
      help: 'Usage: caravan echo',
      run: async (args, io) => {
        seen.push(args);
        io.stdout.write(args.join(' ') + '\n');
        return args.length === 0 ? RUN_RESULT_HELP : 3;
      },
    };
    const reg: Registry = new Map([['echo', { command: cmd }]]);
    const io = memoryIO();
    expect(await main(['echo', 'a', '-b'], io, reg)).toBe(3);
    expect(io.out()).toBe('a -b\n');
    const io2 = memoryIO();
    expect(await main(['echo'], io2, reg)).toBe(1);
    expect(io2.err()).toBe('Usage: caravan echo\n');
    expect(seen).toEqual([['a', '-b'], []]);
  });
});
