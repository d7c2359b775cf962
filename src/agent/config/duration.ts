/** Go's time.ParseDuration, as Nomad reads durations in config files; in milliseconds. */
import { parseDuration as parseDurationNs } from '../../lib/index.js';

/** "1h30m" -> 5400000; "0" -> 0; undefined when it is not a Go duration. */
export function parseDuration(s: string): number | undefined {
  const ns = parseDurationNs(s);
  return ns === undefined ? undefined : ns / 1e6;
}
