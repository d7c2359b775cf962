/**
 * JSON as Go's encoding/json writes it with MarshalIndent, which nomad uses for -json and
 * -output: the given indent, and "<", ">", "&", U+2028 and U+2029 escaped.
 */

const GO_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** Serializes like json.MarshalIndent(v, "", indent); object keys keep their order. */
export function goJSON(value: unknown, indent = '    '): string {
  // These characters can only occur inside JSON strings, so a replace over the text is exact.
  return (JSON.stringify(value, null, indent) ?? 'null').replace(
    /[<>&\u2028\u2029]/g,
    (c) => GO_ESCAPES[c] as string,
  );
}
