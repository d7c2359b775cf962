/** Deterministic mutations of source text, for fuzz and differential tests. */

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence everywhere. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERESTING = [
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '"',
  '=',
  '\n',
  '$',
  '${',
  '%{',
  '<<EOT\n',
  '#',
  '/*',
  '*/',
  ',',
  '.',
  '...',
  ':',
  '?',
  '!',
  '-',
  '\\',
  '~',
  ' ',
  '0',
  'a',
];

/** Applies one to three random edits: delete, insert, duplicate or swap a span. */
export function mutate(src: string, random: () => number): string {
  let s = src;
  const edits = 1 + Math.floor(random() * 3);
  for (let e = 0; e < edits; e++) {
    const pos = Math.floor(random() * (s.length + 1));
    const len = 1 + Math.floor(random() * 8);
    switch (Math.floor(random() * 4)) {
      case 0:
        s = s.slice(0, pos) + s.slice(pos + len);
        break;
      case 1:
        s =
          s.slice(0, pos) +
          (INTERESTING[Math.floor(random() * INTERESTING.length)] as string) +
          s.slice(pos);
        break;
      case 2:
        s = s.slice(0, pos) + s.slice(pos, pos + len) + s.slice(pos);
        break;
      default: {
        const other = Math.floor(random() * s.length);
        s = s.slice(0, pos) + s.slice(other, other + len) + s.slice(pos + len);
      }
    }
  }
  return s;
}

/** Random bytes as a string (any code points, including lone surrogates and NULs). */
export function randomText(random: () => number, maxLen: number): string {
  const n = Math.floor(random() * maxLen);
  let s = '';
  for (let i = 0; i < n; i++) {
    const r = random();
    s +=
      r < 0.7
        ? String.fromCharCode(32 + Math.floor(random() * 95))
        : String.fromCharCode(Math.floor(random() * 0xffff));
  }
  return s;
}
