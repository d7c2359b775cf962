/** Signal names ↔ Linux numbers, accepting `SIGTERM`, `TERM` and `sigterm` alike. */
import { constants } from 'node:os';

const table = constants.signals as Record<string, number>;

/** The signal's number, or null when the name is unknown. */
export function signalNumber(name: string | number): number | null {
  if (typeof name === 'number')
    return Number.isInteger(name) && name > 0 && name < 65 ? name : null;
  const upper = name.trim().toUpperCase();
  const key = upper.startsWith('SIG') ? upper : `SIG${upper}`;
  return table[key] ?? null;
}

/** The canonical name (`SIGTERM`) of a signal name or number, or null when unknown. */
export function signalName(sig: string | number): NodeJS.Signals | null {
  const n = signalNumber(sig);
  if (n === null) return null;
  const found = Object.entries(table).find(([, v]) => v === n);
  return found ? (found[0] as NodeJS.Signals) : null;
}
