import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive, processTree, readProc } from './proc.js';

const kids: number[] = [];
afterEach(() => {
  for (const pid of kids.splice(0)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

describe('/proc', () => {
  it('reads a process and the tree it leads', async () => {
    const child = spawn('/bin/sh', ['-c', 'sleep 30 & sleep 30 & echo go; wait'], {
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    kids.push(child.pid!);
    await new Promise((r) => child.stdout!.once('data', r));
    const me = readProc(child.pid!);
    expect(me).toMatchObject({ pid: child.pid, ppid: process.pid, pgrp: child.pid });
    expect(me!.rssBytes).toBeGreaterThan(0);
    const tree = processTree(child.pid!);
    expect(tree.map((p) => p.pid)).toContain(child.pid);
    expect(tree).toHaveLength(3);
    expect(isAlive(child.pid!)).toBe(true);
    expect(readProc(0x3fffffff)).toBeNull();
    expect(isAlive(0)).toBe(false);
  });
});
