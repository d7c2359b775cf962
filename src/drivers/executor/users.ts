/** User lookup in /etc/passwd (a name, or a numeric uid) without calling out to libc. */
import { readFileSync } from 'node:fs';

export interface UserIDs {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

/** The user's ids, or null when /etc/passwd has no such user. */
export function lookupUser(user: string, passwdPath = '/etc/passwd'): UserIDs | null {
  let text = '';
  try {
    text = readFileSync(passwdPath, 'utf8');
  } catch {
    return null;
  }
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 7) continue;
    if (f[0] === user || (/^\d+$/.test(user) && f[2] === user)) {
      return { name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), home: f[5]! };
    }
  }
  return null;
}
