/**
 * Nomad's ID-prefix lookups for allocations, evaluations and nodes: an exact ID or a unique
 * prefix resolves; several matches print their list and fail; UUID prefixes of odd length
 * lose their last character (the API matches whole bytes).
 */
import type { ApiClient } from '../../api/index.js';
import { goQuote } from '../../lib/index.js';
import { uiFor, type CliIO } from '../io.js';
import { apiErrorText } from './api-helpers.js';

/** Drops the last hex digit of an odd-length prefix, as nomad's sanitizeUUIDPrefix does. */
export function sanitizeUUIDPrefix(prefix: string): string {
  const hyphens = prefix.split('-').length - 1;
  const length = prefix.length - hyphens;
  return prefix.slice(0, prefix.length - (length % 2));
}

export interface PrefixLookup<T extends { ID: string }> {
  /** "allocation", "evaluation", "node". */
  noun: string;
  /** "allocations", "evaluations", "nodes". */
  plural: string;
  list(client: ApiClient, prefix: string): Promise<T[]>;
  /** The table printed when several match. */
  table(matches: T[]): string;
  /** The "not found" wording: "No allocation(s) with prefix or id %q found". */
  notFound: string;
}

/** The one object the ID names, or the exit status after saying why there is none. */
export async function lookupByPrefix<T extends { ID: string }>(
  client: ApiClient,
  id: string,
  io: CliIO,
  how: PrefixLookup<T>,
): Promise<T | number> {
  const ui = uiFor(io);
  if (id.length === 1) {
    ui.error('Identifier must contain at least two characters.');
    return 1;
  }
  let matches: T[];
  try {
    matches = (await how.list(client, sanitizeUUIDPrefix(id))) ?? [];
  } catch (e) {
    ui.error(`Error querying ${how.noun}: ${apiErrorText(e, client)}`);
    return 1;
  }
  const exact = matches.find((m) => m.ID === id);
  if (exact) return exact;
  const first = matches[0];
  if (!first) {
    ui.error(how.notFound.replace('%q', goQuote(id)));
    return 1;
  }
  if (matches.length > 1) {
    ui.error(`Prefix matched multiple ${how.plural}\n\n${how.table(matches)}`);
    return 1;
  }
  return first;
}
