/**
 * Deep freezing of stored objects in development builds, so that code that modifies an object
 * read from the store fails at once instead of corrupting a snapshot. Objects that are already
 * frozen are not walked again (a shared Job is frozen once).
 */

export function freezeByDefault(): boolean {
  return process.env.NODE_ENV !== 'production';
}

export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (const v of value) deepFreeze(v);
  } else {
    for (const k in value) deepFreeze((value as Record<string, unknown>)[k]);
  }
  return value;
}
