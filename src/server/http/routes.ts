/**
 * The route table: every endpoint the HTTP API serves, each with the ACL capability it needs
 * and its blocking-query behaviour. Nothing is served that is not listed here.
 */
import { agentRoutes } from './agent-routes.js';
import { allocRoutes } from './alloc-routes.js';
import { clientRoutes } from './client-api/client-routes.js';
import { execRoute } from './client-api/exec.js';
import { jobRoutes } from './job-routes.js';
import { nodePoolRoutes } from './node-pool-routes.js';
import { nodeRoutes } from './node-routes.js';
import { operatorRoutes } from './operator-routes.js';
import type { Route } from './types.js';

export const routes: readonly Route[] = [
  ...jobRoutes,
  ...allocRoutes,
  ...nodePoolRoutes,
  ...nodeRoutes,
  ...operatorRoutes,
  ...agentRoutes,
  ...clientRoutes,
  execRoute,
];
