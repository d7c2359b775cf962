/**
 * Nomad's evaluation monitor (`job run`, `job stop`, `job scale`...): follows an evaluation
 * with blocking queries, reports its allocations and status changes as they happen, and
 * prints placement failures. Exit status 0, 2 when allocations could not be placed, 1 on
 * errors.
 */
import type {
  AllocListStub,
  AllocationMetric,
  ApiClient,
  Evaluation,
  NodeScoreMeta,
} from '../../api/index.js';
import { goQuote } from '../../lib/index.js';
import type { CliIO } from '../io.js';
import { formatList } from '../output/columns.js';
import { apiErrorText, formatTime, limit } from './api-helpers.js';

/** How long one blocking query may wait, in milliseconds. */
const BLOCK_WAIT_MS = 60_000;
/** The pause before asking again when the agent does not block (nomad's updateWait). */
const POLL_MS = 1000;

interface AllocSeen {
  client: string;
}

interface EvalSeen {
  status: string;
  job: string;
  node: string;
  allocs: Map<string, AllocSeen>;
}

export interface MonitorOptions {
  /** ID length in output: 8, or 36 with -verbose. */
  length: number;
  /** The clock, in milliseconds; Date.now when not given. */
  now?: () => number;
}

/** Monitors the evaluation and those it chains to; resolves to the exit status. */
export async function monitorEval(
  client: ApiClient,
  evalID: string,
  io: CliIO,
  opts: MonitorOptions,
): Promise<number> {
  const now = opts.now ?? Date.now;
  const t = () => formatTime(now());
  const info = (m: string) => io.stdout.write(`==> ${m}\n`);
  const out = (m: string) => io.stdout.write(`    ${m}\n`);
  const L = (id: string) => goQuote(limit(id, opts.length));
  let seen: EvalSeen = { status: '', job: '', node: '', allocs: new Map() };
  let index = 0;
  let failed = false;
  info(`${t()}: Monitoring evaluation ${L(evalID)}`);
  for (;;) {
    let ev: Evaluation;
    let allocs: AllocListStub[];
    try {
      const r = await client.evaluations.info(evalID, { index, waitMs: BLOCK_WAIT_MS });
      ev = r.data;
      const advanced = r.meta.lastIndex > index;
      index = r.meta.lastIndex;
      allocs = (await client.evaluations.allocations(ev.ID)).data ?? [];
      if (!advanced && !terminal(ev.Status)) await sleep(POLL_MS);
    } catch (e) {
      io.stderr.write(
        `No evaluation with id ${goQuote(evalID)} found: ${apiErrorText(e, client)}\n`,
      );
      return 1;
    }
    const next: EvalSeen = {
      status: ev.Status,
      job: ev.JobID ?? '',
      node: ev.NodeID ?? '',
      allocs: new Map(),
    };
    if (seen.node === '' && next.node !== '')
      out(`${t()}: Evaluation triggered by node ${L(next.node)}`);
    if (seen.job === '' && next.job !== '')
      out(`${t()}: Evaluation triggered by job ${goQuote(next.job)}`);
    for (const a of sortAllocs(allocs)) {
      next.allocs.set(a.ID, { client: a.ClientStatus });
      const before = seen.allocs.get(a.ID);
      if (!before) {
        const where = `node ${L(a.NodeID)}, group ${goQuote(a.TaskGroup)}`;
        if (a.CreateIndex < ev.CreateIndex) out(`${t()}: Allocation ${L(a.ID)} modified: ${where}`);
        else if (a.DesiredStatus === 'run') out(`${t()}: Allocation ${L(a.ID)} created: ${where}`);
      } else if (before.client !== a.ClientStatus) {
        const desc = a.ClientDescription ? ` (${a.ClientDescription})` : '';
        out(
          `${t()}: Allocation ${L(a.ID)} status changed: ` +
            `${goQuote(before.client)} -> ${goQuote(a.ClientStatus)}${desc}`,
        );
      }
    }
    if (seen.status !== '' && next.status !== 'pending' && seen.status !== next.status)
      out(`${t()}: Evaluation status changed: ${goQuote(seen.status)} -> ${goQuote(next.status)}`);
    seen = next;
    if (!terminal(ev.Status)) continue;
    const failures = Object.entries(ev.FailedTGAllocs ?? {}).sort(([a], [b]) => cmp(a, b));
    if (failures.length === 0) {
      info(`${t()}: Evaluation ${L(ev.ID)} finished with status ${goQuote(ev.Status)}`);
    } else {
      failed = true;
      info(
        `${t()}: Evaluation ${L(ev.ID)} finished with status ${goQuote(ev.Status)} ` +
          'but failed to place all allocations:',
      );
      for (const [tg, m] of failures) {
        const n = (m.CoalescedFailures ?? 0) + 1;
        out(
          `${t()}: Task Group ${goQuote(tg)} (failed to place ${n} ` +
            `${n > 1 ? 'allocations' : 'allocation'}):`,
        );
        const text = formatAllocMetrics(m, '  ');
        if (text !== '') for (const line of text.split('\n')) out(line);
      }
      if (ev.BlockedEval)
        out(
          `${t()}: Evaluation ${L(ev.BlockedEval)} waiting for additional capacity to place remainder`,
        );
    }
    if (!ev.NextEval) break;
    evalID = ev.NextEval;
    index = 0;
    seen = { status: '', job: '', node: '', allocs: new Map() };
  }
  return failed ? 2 : 0;
}

function terminal(status: string): boolean {
  return status === 'complete' || status === 'failed' || status === 'canceled';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortAllocs(allocs: AllocListStub[]): AllocListStub[] {
  return [...allocs].sort((a, b) => a.CreateIndex - b.CreateIndex || cmp(a.Name, b.Name));
}

function sorted(m: Record<string, number> | null | undefined): [string, number][] {
  return Object.entries(m ?? {}).sort(([a], [b]) => cmp(a, b));
}

/**
 * Nomad's placement explanation of one task group: nodes not eligible, datacenters without
 * nodes, filtered classes and constraints, exhausted nodes, classes and dimensions, quota
 * limits; with `scores` (alloc status -verbose) then the table of the best scored nodes, a
 * column per scorer and the final score. Maps are printed in key order (nomad's are random).
 */
export function formatAllocMetrics(m: AllocationMetric, prefix: string, scores = false): string {
  const lines: string[] = [];
  if (!m.NodesEvaluated) lines.push(`${prefix}* No nodes were eligible for evaluation`);
  for (const [dc, n] of sorted(m.NodesAvailable))
    if (n === 0) lines.push(`${prefix}* No nodes are available in datacenter ${goQuote(dc)}`);
  for (const [c, n] of sorted(m.ClassFiltered))
    lines.push(`${prefix}* Class ${goQuote(c)}: ${n} nodes excluded by filter`);
  for (const [c, n] of sorted(m.ConstraintFiltered))
    lines.push(`${prefix}* Constraint ${goQuote(c)}: ${n} nodes excluded by filter`);
  if (m.NodesExhausted) lines.push(`${prefix}* Resources exhausted on ${m.NodesExhausted} nodes`);
  for (const [c, n] of sorted(m.ClassExhausted))
    lines.push(`${prefix}* Class ${goQuote(c)} exhausted on ${n} nodes`);
  for (const [d, n] of sorted(m.DimensionExhausted))
    lines.push(`${prefix}* Dimension ${goQuote(d)} exhausted on ${n} nodes`);
  for (const q of m.QuotaExhausted ?? []) lines.push(`${prefix}* Quota limit hit ${goQuote(q)}`);
  const nodes = scores ? (m.ScoreMetaData ?? []) : [];
  if (nodes.length > 0) lines.push(scoreTable(nodes));
  return lines.join('\n');
}

/** The score table: "Node|binpack|...|final score", one row per node, values as Go's %.3g. */
function scoreTable(nodes: readonly NodeScoreMeta[]): string {
  const names = [...new Set(nodes.flatMap((n) => Object.keys(n.Scores ?? {})))].sort(cmp);
  const rows = [`Node|${names.join('|')}|final score`];
  for (const n of nodes) {
    const cells = names.map((s) => formatG(n.Scores?.[s] ?? 0, 3));
    rows.push([n.NodeID, ...cells, formatG(n.NormScore, 3)].join('|'));
  }
  return formatList(rows);
}

/**
 * Go's %.<precision>g: `precision` significant digits (ties to even, as strconv rounds),
 * trailing zeros dropped, exponent form ("1.23e+03", "5e-05") when the exponent is below -4
 * or not below the precision.
 */
export function formatG(x: number, precision: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  if (x === 0) return '0';
  const sign = x < 0 ? '-' : '';
  // The decimal digits of |x| (exact for the values scores take) and its exponent.
  const [mantissa, e] = Math.abs(x).toExponential(100).split('e') as [string, string];
  const all = mantissa.replace('.', '');
  let exp = Number(e);
  const digits = all.slice(0, precision).split('').map(Number);
  const rest = all.slice(precision);
  const half = rest.charAt(0);
  const roundUp =
    half > '5' ||
    (half === '5' && (/[1-9]/.test(rest.slice(1)) || (digits[digits.length - 1]! & 1) === 1));
  if (roundUp) {
    let i = digits.length - 1;
    while (i >= 0 && digits[i] === 9) digits[i--] = 0;
    if (i >= 0) digits[i]!++;
    else {
      digits.unshift(1);
      digits.pop();
      exp++;
    }
  }
  while (digits.length > 1 && digits[digits.length - 1] === 0) digits.pop();
  const nd = digits.length;
  const dp = exp + 1;
  const eprec = precision > nd && nd >= dp ? nd : precision;
  if (exp < -4 || exp >= eprec) {
    const frac = nd > 1 ? `.${digits.slice(1).join('')}` : '';
    const es = `${Math.abs(exp)}`.padStart(2, '0');
    return `${sign}${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${es}`;
  }
  if (dp <= 0) return `${sign}0.${'0'.repeat(-dp)}${digits.join('')}`;
  const int = digits.slice(0, dp).join('').padEnd(dp, '0');
  const frac = digits.slice(dp).join('');
  return `${sign}${int}${frac ? `.${frac}` : ''}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
