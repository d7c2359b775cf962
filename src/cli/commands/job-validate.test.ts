import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIO } from '../io.js';
import type { JobFileInput, JobFileResult, JobspecPort } from '../jobspec-port.js';
import { main } from '../main.js';

const DRIVER_NOTE =
  "Driver configuration not validated since connection to Caravan agent couldn't be established.\n\n";

function fakePort(result: JobFileResult): JobspecPort & { calls: JobFileInput[] } {
  const calls: JobFileInput[] = [];
  return {
    calls,
    parseJobFile: (opts) => {
      calls.push(opts);
      return result;
    },
  };
}

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-validate-'));
  for (const [name, src] of Object.entries(files)) writeFileSync(join(dir, name), src);
  return dir;
}

async function validate(
  args: string[],
  port: JobspecPort,
  opts: { cwd?: string; stdin?: string; env?: Record<string, string> } = {},
) {
  const io = memoryIO({ jobspec: port, ...opts });
  const code = await main(['job', 'validate', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('caravan job validate', () => {
  it('reports success, exit 0', async () => {
    const dir = dirWith({ 'web.nomad.hcl': 'job "web" {}' });
    const port = fakePort({ job: { ID: 'web' }, errors: [], warnings: [] });
    expect(await validate(['web.nomad.hcl'], port, { cwd: dir })).toEqual({
      code: 0,
      out: DRIVER_NOTE + 'Job validation successful\n',
      err: '',
    });
  });

  it('passes the file, variables and environment to the job-file reader', async () => {
    const dir = dirWith({
      'web.hcl': 'job "web" {}',
      'a.vars.hcl': 'x = 1',
      'b.vars.hcl': 'y = 2',
    });
    const port = fakePort({ job: { ID: 'web' }, errors: [], warnings: [] });
    const env = { NOMAD_VAR_z: '3' };
    const r = await validate(
      [
        '-var',
        'a=1',
        '-var=b=2',
        '-var-file',
        'a.vars.hcl',
        '-var-file=b.vars.hcl',
        '-hcl2-strict=false',
        'web.hcl',
      ],
      port,
      { cwd: dir, env },
    );
    expect(r.code).toBe(0);
    expect(port.calls).toEqual([
      {
        src: 'job "web" {}',
        filename: 'web.hcl',
        vars: ['a=1', 'b=2'],
        varFiles: [
          { filename: 'a.vars.hcl', src: 'x = 1' },
          { filename: 'b.vars.hcl', src: 'y = 2' },
        ],
        env,
        allowFileIO: true,
        baseDir: dir,
        json: false,
        strict: false,
      },
    ]);
  });

  it('names errors after the base name of the file', async () => {
    const dir = dirWith({});
    const sub = join(dir, 'jobs');
    mkdirSync(sub);
    writeFileSync(join(sub, 'api.nomad'), 'job "api" {}');
    const port = fakePort({ job: { ID: 'api' }, errors: [], warnings: [] });
    await validate(['jobs/api.nomad'], port, { cwd: dir });
    expect(port.calls[0]?.filename).toBe('api.nomad');
  });

  it('prints warnings before success', async () => {
    const dir = dirWith({ 'web.hcl': '' });
    const port = fakePort({
      job: { ID: 'web' },
      errors: [],
      warnings: ['web.hcl:3,3-8: Deprecated; use x', 'web.hcl:9,1-2: Other'],
    });
    expect(await validate(['web.hcl'], port, { cwd: dir })).toEqual({
      code: 0,
      out:
        DRIVER_NOTE +
        'Job Warnings:\n2 warning(s):\n\n* web.hcl:3,3-8: Deprecated; use x\n* web.hcl:9,1-2: Other\n\n' +
        'Job validation successful\n',
      err: '',
    });
  });

  it('reports parse errors as nomad does, exit 1', async () => {
    const dir = dirWith({ 'web.hcl': '' });
    const port = fakePort({
      errors: [
        'web.hcl:12,5-9: Unsupported argument; An argument named "cont" is not expected here. Did you mean "count"?',
        'web.hcl:14,1-2: Argument or block definition required; An argument or block definition is required here.',
      ],
      warnings: [],
    });
    expect(await validate(['web.hcl'], port, { cwd: dir })).toEqual({
      code: 1,
      out: '',
      err:
        'Error getting job struct: Error parsing job file from web.hcl:\n' +
        'web.hcl:12,5-9: Unsupported argument; An argument named "cont" is not expected here. Did you mean "count"?\n' +
        'web.hcl:14,1-2: Argument or block definition required; An argument or block definition is required here.\n',
    });
  });

  it('reports validation errors as "Job validation errors:", exit 1', async () => {
    const dir = dirWith({ 'web.hcl': '' });
    const port = fakePort({
      errors: ['web.hcl:1,1-10: Missing job datacenters'],
      warnings: [],
      stage: 'validate',
    });
    expect(await validate(['web.hcl'], port, { cwd: dir })).toEqual({
      code: 1,
      out: '',
      err: 'Job validation errors:\n1 error occurred:\n\t* web.hcl:1,1-10: Missing job datacenters\n\n\n',
    });
  });

  it('reads the job from stdin for "-"', async () => {
    const port = fakePort({ job: { ID: 'web' }, errors: [], warnings: [] });
    const r = await validate(['-'], port, { stdin: 'job "web" {}' });
    expect(r.code).toBe(0);
    expect(port.calls[0]).toMatchObject({ src: 'job "web" {}', filename: 'stdin' });
  });

  it('reports a missing job file', async () => {
    const dir = dirWith({});
    const port = fakePort({ errors: [], warnings: [] });
    expect(await validate(['missing.hcl'], port, { cwd: dir })).toEqual({
      code: 1,
      out: '',
      err:
        'Error getting job struct: Error getting jobfile from "missing.hcl": ' +
        'open missing.hcl: no such file or directory\n',
    });
    expect(port.calls).toEqual([]);
  });

  it('reports a missing var file', async () => {
    const dir = dirWith({ 'web.hcl': '' });
    const port = fakePort({ errors: [], warnings: [] });
    expect(await validate(['-var-file', 'nope.hcl', 'web.hcl'], port, { cwd: dir })).toEqual({
      code: 1,
      out: '',
      err:
        'Error getting job struct: Error parsing job file from web.hcl:\n' +
        'Failed to read file; failed to read "nope.hcl": open nope.hcl: no such file or directory\n',
    });
  });

  it('refuses variables with -json', async () => {
    const port = fakePort({ errors: [], warnings: [] });
    expect(await validate(['-json', '-var', 'a=1', 'job.json'], port)).toEqual({
      code: 1,
      out: '',
      err: 'Invalid job options: cannot use variables with JSON files.\n',
    });
  });

  it('requires exactly one path', async () => {
    const port = fakePort({ errors: [], warnings: [] });
    const expected = {
      code: 1,
      out: '',
      err:
        'This command takes one argument: <path>\n' +
        "For additional help try 'caravan job validate -help'\n",
    };
    expect(await validate([], port)).toEqual(expected);
    expect(await validate(['a.hcl', 'b.hcl'], port)).toEqual(expected);
  });

  it('prints a flag error on stderr and the help on stdout, exit 1', async () => {
    const port = fakePort({ errors: [], warnings: [] });
    const r = await validate(['-nope', 'a.hcl'], port);
    expect(r.code).toBe(1);
    expect(r.err).toBe('flag provided but not defined: -nope\n');
    expect(r.out.startsWith('Usage: caravan job validate [options] <path>\n')).toBe(true);
  });

  it('works through the `validate` alias', async () => {
    const dir = dirWith({ 'web.hcl': '' });
    const port = fakePort({ job: { ID: 'web' }, errors: [], warnings: [] });
    const io = memoryIO({ jobspec: port, cwd: dir });
    expect(await main(['validate', 'web.hcl'], io)).toBe(0);
    expect(io.out()).toBe(DRIVER_NOTE + 'Job validation successful\n');
  });
});
