/**
 * Source positions, as HCL reports them: lines and columns count from 1, columns count
 * characters (Unicode code points), and a range's end is exclusive. `offset` is the index into
 * the JavaScript source string (UTF-16 units), used to slice source text.
 */
export interface Pos {
  line: number;
  column: number;
  offset: number;
}

export interface Range {
  filename: string;
  start: Pos;
  end: Pos;
}

/** HCL's Range.String(): `web.hcl:12,5-9`, or `web.hcl:12,5-14,2` when it spans lines. */
export function formatRange(r: Range): string {
  if (r.start.line === r.end.line) {
    return `${r.filename}:${r.start.line},${r.start.column}-${r.end.column}`;
  }
  return `${r.filename}:${r.start.line},${r.start.column}-${r.end.line},${r.end.column}`;
}

/** The smallest range covering both. */
export function rangeBetween(a: Range, b: Range): Range {
  const start = a.start.offset <= b.start.offset ? a.start : b.start;
  const end = a.end.offset >= b.end.offset ? a.end : b.end;
  return { filename: a.filename, start, end };
}

/** A zero-length range at the start of `r`. */
export function rangeStart(r: Range): Range {
  return { filename: r.filename, start: r.start, end: r.start };
}

/** A zero-length range at the end of `r`. */
export function rangeEnd(r: Range): Range {
  return { filename: r.filename, start: r.end, end: r.end };
}
