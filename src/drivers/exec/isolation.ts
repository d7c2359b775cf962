/**
 * How exec isolates a task, as a shell wrapper the executor runs:
 *
 *   sh (joins the task's cgroups) → unshare --pid --mount --uts --ipc --fork --kill-child
 *     → sh, PID 1 of the new namespaces: bind mounts the chroot_env, /alloc, /local... into
 *       the task dir, mounts a /proc of the new pid namespace and a small /dev, then
 *     → chroot --userspec=<uid>:<gid> <task dir> <command> <args>  (exec'd: the task is PID 1)
 *
 * The mounts are made inside the new mount namespace (unshare makes it private), so the host
 * never sees them and they vanish with the task. What must exist as a file on the host (mount
 * points, symlinks such as /bin → usr/bin) is prepared beforehand by `prepareRoot`.
 *
 * Streams: the wrapper's own messages (a failed mount) go to fd 2, which the executor keeps for
 * itself; the task's stderr is fd 3 until the last moment.
 */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { shQuote } from '../executor/run-exec.js';

/** Nomad's default chroot_env: host path → path inside the chroot. */
export const DEFAULT_CHROOT_ENV: Readonly<Record<string, string>> = {
  '/bin': '/bin',
  '/etc': '/etc',
  '/lib': '/lib',
  '/lib32': '/lib32',
  '/lib64': '/lib64',
  '/run/resolvconf': '/run/resolvconf',
  '/sbin': '/sbin',
  '/usr': '/usr',
};

/** The host programs the wrapper runs (by absolute path: the task's PATH is not ours). */
export const TOOLS = ['sh', 'unshare', 'mount', 'chroot', 'mkdir', 'ln'] as const;

/** Device nodes bound into the task's /dev. */
const DEVICES = ['null', 'zero', 'full', 'random', 'urandom', 'tty'];

export interface BindMount {
  source: string;
  /** Absolute host path under the root. */
  target: string;
  readOnly: boolean;
}

export interface IsolationPlan {
  root: string;
  /** Symlinks to create in the root (target path → link text), e.g. /bin → usr/bin. */
  links: Array<{ path: string; to: string }>;
  binds: BindMount[];
  uid: number;
  gid: number;
  /** `cgroup.procs` files the wrapper joins before anything else runs. */
  cgroupProcs: string[];
  tools: Record<(typeof TOOLS)[number], string>;
}

/** `taskPath` as a host path inside `root`, refusing to climb out with `..`. */
export function inRoot(root: string, taskPath: string): string {
  const rel = normalize(`/${taskPath}`).replace(/^\/+/, '');
  return rel === '' ? root : join(root, rel);
}

/**
 * The mounts and links of a task's root: chroot_env entries (read-only; a host symlink is
 * copied as a symlink), then the allocation's directories and the task's volume mounts.
 */
export function planMounts(
  root: string,
  chrootEnv: Record<string, string>,
  extra: Array<{ source: string; taskPath: string; readOnly: boolean }>,
): Pick<IsolationPlan, 'links' | 'binds'> {
  const links: IsolationPlan['links'] = [];
  const binds: BindMount[] = [];
  for (const [src, dst] of Object.entries(chrootEnv)) {
    let st;
    try {
      st = lstatSync(src);
    } catch {
      continue; // Nomad skips what the host does not have
    }
    const target = inRoot(root, dst);
    if (st.isSymbolicLink()) links.push({ path: target, to: readlinkSync(src) });
    else binds.push({ source: src, target, readOnly: true });
  }
  for (const m of extra) {
    const target = inRoot(root, m.taskPath);
    if (normalize(m.source) === target) continue; // already there (local/, secrets/, tmp/)
    binds.push({ source: m.source, target, readOnly: m.readOnly });
  }
  return { links, binds };
}

/** Creates the mount points and symlinks the wrapper needs, on the host, in the task dir. */
export function prepareRoot(plan: IsolationPlan): void {
  for (const l of plan.links) {
    mkdirSync(dirname(l.path), { recursive: true });
    if (!isLink(l.path)) symlinkSync(l.to, l.path);
  }
  for (const b of plan.binds) {
    if (statSync(b.source).isDirectory()) {
      mkdirSync(b.target, { recursive: true });
    } else if (!existsSync(b.target)) {
      mkdirSync(dirname(b.target), { recursive: true });
      writeFileSync(b.target, '');
    }
  }
  for (const d of ['proc', 'dev']) mkdirSync(join(plan.root, d), { recursive: true });
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The script PID 1 of the new namespaces runs: mounts, then exec chroot into the task. */
export function innerScript(plan: IsolationPlan): string {
  const q = shQuote;
  const { mount, chroot, mkdir, ln } = quoteTools(plan.tools);
  const lines = ['set -e'];
  for (const b of plan.binds) {
    lines.push(`${mount} --rbind ${q(b.source)} ${q(b.target)}`);
    if (b.readOnly) lines.push(`${mount} -o remount,bind,ro ${q(b.target)}`);
  }
  const dev = join(plan.root, 'dev');
  lines.push(`${mount} -t proc -o nosuid,nodev,noexec proc ${q(join(plan.root, 'proc'))}`);
  lines.push(`${mount} -t tmpfs -o nosuid,mode=755,size=65536k tmpfs ${q(dev)}`);
  for (const d of DEVICES) {
    lines.push(`: > ${q(join(dev, d))}`, `${mount} --bind /dev/${d} ${q(join(dev, d))}`);
  }
  lines.push(
    `${mkdir} ${q(join(dev, 'shm'))}`,
    `${mount} -t tmpfs -o nosuid,nodev,mode=1777 shm ${q(join(dev, 'shm'))}`,
    `${ln} -s /proc/self/fd ${q(join(dev, 'fd'))}`,
    ...['stdin', 'stdout', 'stderr'].map(
      (s, i) => `${ln} -s /proc/self/fd/${i} ${q(join(dev, s))}`,
    ),
  );
  lines.push(
    'exec 2>&3 3>&-',
    `exec ${chroot} --userspec=${plan.uid}:${plan.gid} --groups=${plan.gid} ${q(plan.root)} "$@"`,
  );
  return lines.join('\n');
}

/** The full argv the executor spawns for `command args...`. */
export function wrapperArgv(plan: IsolationPlan, command: string, args: string[]): string[] {
  const q = shQuote;
  const t = quoteTools(plan.tools);
  const join1 = plan.cgroupProcs.map((f) => `echo $$ > ${q(f)}`);
  const outer = [
    ...join1,
    `exec ${t.unshare} --pid --mount --uts --ipc --fork --kill-child -- ` +
      `${t.sh} -c ${q(innerScript(plan))} task "$@"`,
  ].join('\n');
  return [plan.tools.sh, '-c', outer, 'wrapper', command, ...args];
}

const quoteTools = (tools: IsolationPlan['tools']): IsolationPlan['tools'] =>
  Object.fromEntries(
    Object.entries(tools).map(([k, v]) => [k, shQuote(v)]),
  ) as IsolationPlan['tools'];
