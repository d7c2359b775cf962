import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIO } from '../io.js';
import { main } from '../main.js';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-config-validate-'));
  for (const [name, src] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, src);
  }
  return dir;
}

async function validate(args: string[], cwd: string) {
  const io = memoryIO({ cwd });
  const code = await main(['config', 'validate', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('caravan config validate', () => {
  it('says a valid configuration is valid, exit 0', async () => {
    const dir = dirWith({ 'server.hcl': 'server {\n  enabled = true\n}\n' });
    expect(await validate(['server.hcl'], dir)).toEqual({
      code: 0,
      out: 'Configuration is valid!\n',
      err: '',
    });
  });

  it('prints warnings before the verdict', async () => {
    const dir = dirWith({ 'c.hcl': 'client {\n  servers_join = ["10.0.0.1:4648"]\n}\n' });
    expect(await validate(['c.hcl'], dir)).toEqual({
      code: 0,
      out:
        'Configuration Warnings:\n1 warning(s):\n\n' +
        '* c.hcl:2,3-15: Non-standard configuration key; Nomad does not accept "servers_join" here. It is read as server_join { retry_join = [...] }; write it that way.\n\n' +
        'Configuration is valid!\n',
      err: '',
    });
  });

  it('reports a typo with its place and a suggestion, exit 1', async () => {
    const dir = dirWith({
      'd/a.hcl': 'server {\n  bootstrap_expec = 3\n}\n',
      'd/b.json': '{"acl": {"enabled": true}}',
    });
    expect(await validate(['d'], dir)).toEqual({
      code: 1,
      out: '',
      err:
        'Error loading configuration from d/a.hcl: 1 error occurred:\n' +
        '\t* d/a.hcl:2,3-18: Unsupported argument; An argument named "bootstrap_expec" is not expected here. Did you mean "bootstrap_expect"?\n',
    });
  });

  it('checks the merged configuration, exit 1', async () => {
    const dir = dirWith({
      'a.hcl': 'client {\n  min_dynamic_port = 30000\n}\n',
      'b.hcl': 'client {\n  max_dynamic_port = 25000\n}\n',
    });
    expect(await validate(['a.hcl', 'b.hcl'], dir)).toEqual({
      code: 1,
      out: '',
      err:
        'a.hcl:2,3-19: Invalid dynamic port range; client.min_dynamic_port (30000) must not be greater than client.max_dynamic_port (25000).\n' +
        'Configuration is invalid\n',
    });
  });

  it('reports a missing path and a missing argument, exit 1', async () => {
    const dir = dirWith({});
    expect(await validate(['nope.hcl'], dir)).toEqual({
      code: 1,
      out: '',
      err: 'Error loading configuration from nope.hcl: stat nope.hcl: no such file or directory\n',
    });
    expect(await validate([], dir)).toEqual({
      code: 1,
      out: '',
      err:
        'Must specify at least one config file or directory\n' +
        "For additional help try 'caravan config validate -help'\n",
    });
  });
});
