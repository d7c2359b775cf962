/**
 * The CLI's view of the HCL formatter that `caravan fmt` calls; tests inject a fake through
 * `CliIO.formatHCL`.
 */
import { formatHCL } from '../jobspec/index.js';

/** Formats one file; `errors` are formatted diagnostics ("file:line,col-col: Summary; Detail"). */
export type FormatHCL = (src: string, filename: string) => { out?: string; errors: string[] };

export const formatter: FormatHCL = formatHCL;
