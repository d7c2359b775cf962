/**
 * "Did you mean" suggestions, as HCL's nameSuggestion: the first candidate whose edit distance
 * from the given name is less than 3.
 */

/** Levenshtein edit distance between two strings, counted in Unicode code points. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const s = Array.from(a);
  const t = Array.from(b);
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  let prev = new Array<number>(t.length + 1);
  let cur = new Array<number>(t.length + 1);
  for (let j = 0; j <= t.length; j++) prev[j] = j;
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    const si = s[i - 1];
    for (let j = 1; j <= t.length; j++) {
      const cost = si === t[j - 1] ? 0 : 1;
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      const sub = prev[j - 1]! + cost;
      cur[j] = del < ins ? (del < sub ? del : sub) : ins < sub ? ins : sub;
    }
    const tmp = prev;
    prev = cur;
    cur = tmp;
  }
  return prev[t.length]!;
}

/**
 * The first of `suggestions` within edit distance 2 of `given` (HCL's threshold), or undefined.
 * Like HCL, this takes the first close name in the order given, not the closest one.
 */
export function nameSuggestion(given: string, suggestions: Iterable<string>): string | undefined {
  for (const s of suggestions) {
    if (levenshtein(given, s) < 3) return s;
  }
  return undefined;
}
