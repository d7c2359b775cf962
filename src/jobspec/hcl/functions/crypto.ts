/**
 * Hashing and UUID functions. bcrypt lives in bcrypt.ts.
 */
import { createHash, randomUUID } from 'node:crypto';
import { FunctionError, type HclFunction } from '../function.js';
import { param, T } from './helpers.js';

const hash = (algorithm: string): HclFunction => ({
  params: [param('str', T.string)],
  impl: ([s]) =>
    createHash(algorithm)
      .update(s as string, 'utf8')
      .digest('hex'),
});

const NAMESPACES: Record<string, string> = {
  dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
  x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
};

/** The 16 bytes of a UUID in any form google/uuid's Parse accepts, or undefined. */
function parseUuid(s: string): Buffer | undefined {
  let t = s;
  if (t.length === 45 && t.toLowerCase().startsWith('urn:uuid:')) t = t.slice(9);
  else if (t.length === 38 && t.startsWith('{') && t.endsWith('}')) t = t.slice(1, -1);
  if (t.length === 36) {
    if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(t)) {
      return undefined;
    }
    t = t.replace(/-/g, '');
  }
  return /^[0-9a-fA-F]{32}$/.test(t) ? Buffer.from(t, 'hex') : undefined;
}

function formatUuid(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** A name-based (SHA-1, version 5) UUID, as RFC 4122. */
export function uuidV5(namespace: Buffer, name: string): string {
  const digest = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  const b = digest.subarray(0, 16);
  b[6] = ((b[6] as number) & 0x0f) | 0x50;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  return formatUuid(Buffer.from(b));
}

export const cryptoFunctions: Record<string, HclFunction> = {
  md5: hash('md5'),
  sha1: hash('sha1'),
  sha256: hash('sha256'),
  sha512: hash('sha512'),
  uuidv4: { params: [], impl: () => randomUUID() },
  uuidv5: {
    params: [param('namespace', T.string), param('name', T.string)],
    impl: ([ns, name]) => {
      const key = ns as string;
      const space = parseUuid(NAMESPACES[key] ?? key);
      if (!space) {
        // google/uuid's Parse errors.
        const why = [32, 36, 38, 45].includes(key.length)
          ? 'invalid UUID format'
          : `invalid UUID length: ${key.length}`;
        throw new FunctionError(`uuidv5() doesn't support namespace ${key} (${why})`);
      }
      return uuidV5(space, name as string);
    },
  },
};
