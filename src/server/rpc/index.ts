/** The rpc port's client protocol (see app.ts). */
export { startRpcServer, type RpcServerHandle, type RpcServerOptions } from './app.js';
