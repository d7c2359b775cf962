/** The rpc port's client protocol (see app.ts). */
export { startRpcServer, type RpcServerHandle } from './app.js';
