/**
 * Nomad's tabular output, a port of the behaviour of ryanuber/columnize as nomad configures
 * it: rows are "a|b|c", cells are trimmed, empty cells read "<none>", columns are padded to
 * their widest cell and joined by the glue; the last cell of a row is never padded.
 */

export interface ColumnizeOptions {
  /** Separates cells in the input rows. Default "|". */
  delim?: string;
  /** Joins padded cells. Default two spaces. */
  glue?: string;
  /** Written before every row. */
  prefix?: string;
  /** Replaces empty cells. */
  empty?: string;
  /** Keeps the spaces around cells. */
  noTrim?: boolean;
}

/** Aligns rows into columns; no trailing newline. */
export function columnize(rows: readonly string[], opts: ColumnizeOptions = {}): string {
  const delim = opts.delim ?? '|';
  const glue = opts.glue ?? '  ';
  const prefix = opts.prefix ?? '';
  const cells = rows.map((row) =>
    row.split(delim).map((cell) => {
      const v = opts.noTrim ? cell : cell.trim();
      return v === '' && opts.empty ? opts.empty : v;
    }),
  );
  const widths: number[] = [];
  for (const row of cells)
    row.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, width(c));
    });
  return cells
    .map(
      (row) =>
        prefix +
        row
          .map((c, i) => (i === row.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - width(c))))
          .join(glue),
    )
    .join('\n');
}

/** Nomad's formatList: "a|b|c" rows in columns two spaces apart, "<none>" for empty cells. */
export function formatList(rows: readonly string[]): string {
  return columnize(rows, { empty: '<none>' });
}

/** Nomad's formatKV: "Key|Value" rows as "Key   = Value". */
export function formatKV(rows: readonly string[]): string {
  return columnize(rows, { empty: '<none>', glue: ' = ' });
}

/** Width in characters (code points), as Go counts runes. */
function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
