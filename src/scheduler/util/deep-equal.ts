/** The scheduler's structural equality is lib's (shared with structs' job diffs). */
export { deepEqual } from '../../lib/index.js';
