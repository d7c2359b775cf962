/**
 * The job file's schema: for every block Nomad documents, its arguments and nested blocks
 * and the struct field (Nomad's PascalCase name) each one fills. The decoder in ../decode
 * walks these tables; fields starting with `_` are hand-offs that canonicalizeJob (in
 * src/structs) turns into their canonical shape: `_Ports` (a network's port blocks),
 * `_Volumes` (a group's volume blocks) and `_Tasks` (tasks written directly in the job).
 */
export { jobSpec } from './job.js';
export { groupSpec } from './group.js';
export { taskSpec } from './task.js';
export { serviceSpec, checkSpec, connectSpec } from './service.js';
export { networkSpec, resourcesSpec } from './network.js';
export { templateSpec } from './template.js';
export { constraintSpec, affinitySpec, spreadSpec } from './constraint.js';
export type { AttrKind, AttrSpec, BlockSpec, FinishContext, NestedBlockSpec } from './spec.js';
