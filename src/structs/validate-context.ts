/** The collector validation functions report into. */
import type { JobProblem, JobProblems } from './problem.js';

export type Path = (string | number)[];

export class Problems implements JobProblems {
  readonly errors: JobProblem[] = [];
  readonly warnings: JobProblem[] = [];

  error(path: Path, message: string): void {
    this.errors.push({ path, message });
  }

  warn(path: Path, message: string): void {
    this.warnings.push({ path, message });
  }
}

/** Formats nanoseconds for messages: "1m30s", "500ms". */
export function dur(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(ns);
  let out = '';
  if (u < 1e9) out = u >= 1e6 ? `${u / 1e6}ms` : u >= 1e3 ? `${u / 1e3}µs` : `${u}ns`;
  else {
    const h = Math.floor(u / 3600e9);
    u -= h * 3600e9;
    const m = Math.floor(u / 60e9);
    u -= m * 60e9;
    const s = `${Number((u / 1e9).toFixed(9))}s`;
    out = h > 0 ? `${h}h${m}m${s}` : m > 0 ? `${m}m${s}` : s;
  }
  return neg ? `-${out}` : out;
}

/** Reports a negative duration. */
export function checkDuration(
  p: Problems,
  path: Path,
  value: number | null | undefined,
  what: string,
): void {
  if (typeof value === 'number' && value < 0) {
    p.error(
      path,
      `Invalid ${what}: ${what} is ${dur(value)}, but it must not be negative; use a duration such as "30s".`,
    );
  }
}
