/**
 * Reading processes from Linux's /proc: the process table (pid, parent, group, cpu ticks,
 * resident memory) and the tree of one process, as Nomad's executor samples a raw_exec task.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** One process as /proc/<pid>/stat shows it (cpu in clock ticks, memory in bytes). */
export interface ProcInfo {
  pid: number;
  ppid: number;
  pgrp: number;
  state: string;
  userTicks: number;
  systemTicks: number;
  rssBytes: number;
}

/** Linux's USER_HZ: /proc reports cpu times in these ticks (100 on every mainstream arch). */
export const CLOCK_TICKS = 100;
const PAGE_SIZE = 4096;

/** Parses /proc/<pid>/stat; null when the process is gone. */
export function readProc(pid: number): ProcInfo | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces or ')': cut at the last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state); field n is rest[n - 3].
  return {
    pid,
    state: rest[0] ?? '?',
    ppid: Number(rest[1]),
    pgrp: Number(rest[2]),
    userTicks: Number(rest[11]),
    systemTicks: Number(rest[12]),
    rssBytes: Number(rest[21]) * PAGE_SIZE,
  };
}

/** Every process visible now. */
export function listProcs(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const p = readProc(Number(name));
    if (p) out.push(p);
  }
  return out;
}

/** `root` and its descendants, plus every process of the group `root` leads. */
export function processTree(root: number, procs: ProcInfo[] = listProcs()): ProcInfo[] {
  const byParent = new Map<number, ProcInfo[]>();
  for (const p of procs) {
    const list = byParent.get(p.ppid) ?? [];
    list.push(p);
    byParent.set(p.ppid, list);
  }
  const found = new Map<number, ProcInfo>();
  const queue = procs.filter((p) => p.pid === root || p.pgrp === root);
  while (queue.length > 0) {
    const p = queue.pop()!;
    if (found.has(p.pid)) continue;
    found.set(p.pid, p);
    queue.push(...(byParent.get(p.pid) ?? []));
  }
  return [...found.values()].filter((p) => p.state !== 'Z');
}

/** The children of `pid` (direct, not deeper). */
export function childrenOf(pid: number): number[] {
  return listProcs()
    .filter((p) => p.ppid === pid)
    .map((p) => p.pid);
}

/** Swap of a process in bytes (VmSwap), 0 when unknown. */
export function swapBytes(pid: number): number {
  try {
    const m = /^VmSwap:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Whether a process exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  const p = readProc(pid);
  return p !== null && p.state !== 'Z' && p.state !== 'X';
}
