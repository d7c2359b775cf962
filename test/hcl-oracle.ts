/**
 * HashiCorp's own HCL parser (its WASM build, `@cdktn/hcl2json`, a dev dependency) as an
 * oracle: for any source, whether HCL accepts its syntax and, if not, every message it gives,
 * formatted as `file:line,col-col: Summary; Detail`.
 */
import { parse } from '@cdktn/hcl2json';

export interface OracleResult {
  ok: boolean;
  errors: string[];
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function hclOracle(filename: string, src: string): Promise<OracleResult> {
  try {
    await parse(filename, src);
    return { ok: true, errors: [] };
  } catch (e) {
    const text = String(e instanceof Error ? e.message : e)
      .replace(/^(Error: )?parse config: \[/, '')
      .replace(/\]$/, '');
    const errors = text.split(new RegExp(`(?<=[.?!)"]) (?=${escapeRe(filename)}:\\d+,\\d+-)`));
    return { ok: false, errors };
  }
}
