/** Durations in Caravan's structs are numbers of nanoseconds, as in Nomad's JSON. */
export const SECOND = 1e9;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
