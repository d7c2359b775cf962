import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFakeAgent } from '../../api/index.js';
import { memoryIO } from '../io.js';
import { main } from '../main.js';

const HCL = `variable "image" {
  type = string
}

variable "count" {
  type    = number
  default = 1
}

job "web" {
  group "g" {
    count = var.count
    task "t" {
      driver = "raw_exec"
      config {
        command = var.image
      }
    }
  }
}
`;

/** Runs `caravan job run -detach ...` in a directory holding `files`; returns the PUT body. */
async function submit(args: string[], files: Record<string, string>) {
  const agent = await startFakeAgent({
    'PUT /v1/jobs': { body: { EvalID: 'e1', EvalCreateIndex: 3, JobModifyIndex: 3 }, index: 3 },
  });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'caravan-submission-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const io = memoryIO({ cwd: dir, env: { NOMAD_ADDR: agent.address } });
    const code = await main(['job', 'run', '-detach', ...args], io);
    return { code, out: io.out(), err: io.err(), body: agent.requests[0]?.body as never };
  } finally {
    await agent.close();
  }
}

describe('caravan job run sends the job file as the Submission', () => {
  it('an HCL2 file: its text, the -var flags and the -var-file contents', async () => {
    const r = await submit(
      ['-var', 'image=/bin/true', '-var', 'count=2', '-var-file', 'a.vars', 'web.hcl'],
      { 'web.hcl': HCL, 'a.vars': 'count = 3' },
    );
    expect(r).toMatchObject({
      code: 0,
      err: '',
      out: 'Job registration successful\nEvaluation ID: e1\n',
    });
    expect((r.body as { Submission: unknown }).Submission).toEqual({
      Source: HCL,
      Format: 'hcl2',
      VariableFlags: { image: '/bin/true', count: '2' },
      Variables: 'count = 3\n',
    });
    // The job itself is what the variables made.
    expect((r.body as { Job: { TaskGroups: { Count: number }[] } }).Job.TaskGroups[0]!.Count).toBe(
      2,
    );
  });

  it('var files are joined, each followed by a newline; no -var gives an empty map', async () => {
    const r = await submit(['-var-file', 'a.vars', '-var-file', 'b.vars', 'web.hcl'], {
      'web.hcl': HCL,
      'a.vars': 'image = "/bin/sh"\n',
      'b.vars': 'count = 1',
    });
    expect(r.code).toBe(0);
    expect((r.body as { Submission: unknown }).Submission).toEqual({
      Source: HCL,
      Format: 'hcl2',
      VariableFlags: {},
      Variables: 'image = "/bin/sh"\n\ncount = 1\n',
    });
  });

  it('a JSON file (-json): its text, format json, no variables', async () => {
    const json = JSON.stringify({
      Job: {
        ID: 'web',
        Name: 'web',
        TaskGroups: [{ Name: 'g', Tasks: [{ Name: 't', Driver: 'raw_exec' }] }],
      },
    });
    const r = await submit(['-json', 'web.json'], { 'web.json': json });
    expect(r.code).toBe(0);
    expect((r.body as { Submission: unknown }).Submission).toEqual({
      Source: json,
      Format: 'json',
      VariableFlags: null,
      Variables: '',
    });
  });

  it('-output prints the job only, without the submission', async () => {
    const agent = await startFakeAgent({});
    try {
      const dir = mkdtempSync(join(tmpdir(), 'caravan-submission-'));
      writeFileSync(join(dir, 'web.hcl'), HCL);
      const io = memoryIO({ cwd: dir, env: { NOMAD_ADDR: agent.address } });
      const code = await main(['job', 'run', '-output', '-var', 'image=x', 'web.hcl'], io);
      expect(code).toBe(0);
      expect(Object.keys(JSON.parse(io.out()))).toEqual(['Job']);
      expect(agent.requests).toEqual([]);
    } finally {
      await agent.close();
    }
  });
});
