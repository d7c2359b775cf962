import { mkdirSync, mkdtempSync, readlinkSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  inRoot,
  innerScript,
  planMounts,
  prepareRoot,
  wrapperArgv,
  type IsolationPlan,
} from './isolation.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tools = {
  sh: '/bin/sh',
  unshare: '/usr/bin/unshare',
  mount: '/bin/mount',
  chroot: '/usr/sbin/chroot',
  mkdir: '/bin/mkdir',
  ln: '/bin/ln',
};

describe('exec isolation', () => {
  it('keeps task paths inside the root', () => {
    expect(inRoot('/a/t', '/local')).toBe('/a/t/local');
    expect(inRoot('/a/t', '../../etc')).toBe('/a/t/etc');
    expect(inRoot('/a/t', '/')).toBe('/a/t');
  });

  it('binds directories read-only, copies symlinks, skips what the host lacks', () => {
    dir = mkdtempSync(join(tmpdir(), 'iso-'));
    const host = join(dir, 'host');
    mkdirSync(join(host, 'usr'), { recursive: true });
    symlinkSync('usr/bin', join(host, 'bin'));
    const root = join(dir, 'task');
    const plan = planMounts(
      root,
      { [join(host, 'usr')]: '/usr', [join(host, 'bin')]: '/bin', [join(host, 'nope')]: '/nope' },
      [
        { source: join(dir, 'alloc'), taskPath: '/alloc', readOnly: false },
        { source: join(root, 'local'), taskPath: '/local', readOnly: false },
      ],
    );
    expect(plan).toEqual({
      links: [{ path: join(root, 'bin'), to: 'usr/bin' }],
      binds: [
        { source: join(host, 'usr'), target: join(root, 'usr'), readOnly: true },
        { source: join(dir, 'alloc'), target: join(root, 'alloc'), readOnly: false },
      ],
    });
    mkdirSync(join(dir, 'alloc'));
    const full: IsolationPlan = { root, ...plan, uid: 65534, gid: 65534, cgroupProcs: [], tools };
    prepareRoot(full);
    expect(readlinkSync(join(root, 'bin'))).toBe('usr/bin');
    expect(statSync(join(root, 'usr')).isDirectory()).toBe(true);
    expect(statSync(join(root, 'proc')).isDirectory()).toBe(true);
  });

  it('joins the cgroups, unshares, mounts, then execs chroot as the user', () => {
    const plan: IsolationPlan = {
      root: "/t/it's",
      links: [],
      binds: [{ source: '/usr', target: "/t/it's/usr", readOnly: true }],
      uid: 65534,
      gid: 65533,
      cgroupProcs: ['/sys/fs/cgroup/memory/caravan/x/cgroup.procs'],
      tools,
    };
    const argv = wrapperArgv(plan, 'echo', ['a b']);
    expect(argv[0]).toBe('/bin/sh');
    expect(argv.slice(3)).toEqual(['wrapper', 'echo', 'a b']);
    expect(argv[2]).toMatch(
      /^echo \$\$ > '\/sys\/fs\/cgroup\/memory\/caravan\/x\/cgroup\.procs'\n/,
    );
    expect(argv[2]).toContain(
      "exec '/usr/bin/unshare' --pid --mount --uts --ipc --fork --kill-child",
    );
    const inner = innerScript(plan);
    expect(inner).toContain(`'/bin/mount' --rbind '/usr' '/t/it'\\''s/usr'`);
    expect(inner).toContain(`'/bin/mount' -o remount,bind,ro '/t/it'\\''s/usr'`);
    expect(inner.split('\n').slice(-2)).toEqual([
      'exec 2>&3 3>&-',
      `exec '/usr/sbin/chroot' --userspec=65534:65533 --groups=65533 '/t/it'\\''s' "$@"`,
    ]);
  });
});
