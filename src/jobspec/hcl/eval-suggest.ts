/**
 * "Did you mean" for the evaluator and JSON bodies, as HCL's nameSuggestion: the first candidate
 * within an edit distance of 3.
 */
export function nameSuggestion(given: string, candidates: Iterable<string>): string | undefined {
  for (const c of candidates) {
    if (levenshtein(given, c) < 3) return c;
  }
  return undefined;
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n] as number;
}
