/**
 * The CLI's view of the HCL formatter that `caravan fmt` calls. Until the formatter exists the
 * CLI uses a pass-through stub (files are reported as already formatted); tests inject a fake
 * through `CliIO.formatHCL`.
 */

/** Formats one file; `errors` are formatted diagnostics ("file:line,col-col: Summary; Detail"). */
export type FormatHCL = (src: string, filename: string) => { out?: string; errors: string[] };

/** The stub: returns the input unchanged. */
export const passThroughFormatter: FormatHCL = (src) => ({ out: src, errors: [] });

/** Finds `formatHCL` in src/jobspec when it exports one, else the stub. */
export async function loadFormatter(): Promise<FormatHCL> {
  const specifier = '../jobspec/index.js';
  try {
    const mod = (await import(/* @vite-ignore */ specifier)) as { formatHCL?: FormatHCL };
    if (typeof mod.formatHCL === 'function') return mod.formatHCL;
  } catch {
    // src/jobspec is not usable in this build: fall back to the stub.
  }
  return passThroughFormatter;
}
