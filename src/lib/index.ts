/** lib: pure helpers shared by every layer (durations, Go-style flags, regexps, versions...). */
export {
  FlagSet,
  boolFlag,
  durationFlag,
  goQuote,
  intFlag,
  keyValueFlag,
  parseGoBool,
  parseGoInt,
  stringFlag,
  stringListFlag,
  type FlagDef,
  type FlagDefs,
  type FlagParseResult,
  type FlagSetOutcome,
  type FlagValues,
} from './flags.js';
export { NS, formatDuration, parseDuration } from './duration.js';
export { deepEqual } from './deep-equal.js';
export { goRegExp, translateGoRegexp } from './go-regexp.js';
export { versionConstraint } from './go-version.js';
