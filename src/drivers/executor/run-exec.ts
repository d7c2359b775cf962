/**
 * Running a command beside a task for `alloc exec`: plain pipes, or a terminal through
 * `script -q` (resizes are not passed on). Resolves with the exit code (128 + signal when
 * killed, as a shell reports it).
 */
import { spawn, type SpawnOptions } from 'node:child_process';
import { constants } from 'node:os';
import type { ExecOptions } from '../driver.js';

/** Quotes one word for /bin/sh. */
export const shQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** Wraps argv in `script` when a terminal is wanted. */
export function withTty(argv: string[], tty: boolean): string[] {
  if (!tty) return argv;
  return ['script', '-q', '-e', '-c', argv.map(shQuote).join(' '), '/dev/null'];
}

export function runExec(
  argv: string[],
  spawnOpts: SpawnOptions,
  opts: ExecOptions,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { ...spawnOpts, stdio: ['pipe', 'pipe', 'pipe'] });
    child.once('error', reject);
    child.stdout!.pipe(opts.stdout, { end: false });
    child.stderr!.pipe(opts.stderr, { end: false });
    if (opts.stdin) opts.stdin.pipe(child.stdin!);
    else child.stdin!.end();
    child.stdin!.on('error', () => {});
    const onAbort = (): void => void child.kill('SIGKILL');
    opts.signal?.addEventListener('abort', onAbort);
    child.once('close', (code, sig) => {
      opts.signal?.removeEventListener('abort', onAbort);
      if (opts.stdin) opts.stdin.unpipe(child.stdin!);
      const n = sig ? ((constants.signals as Record<string, number>)[sig] ?? 0) : 0;
      resolve(sig ? 128 + n : (code ?? 0));
    });
  });
}
