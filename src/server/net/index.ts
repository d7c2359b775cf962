/** Listener plumbing shared by the HTTP, rpc and serf ports. */
export { limitConnsPerClient, type ConnLimiter } from './conn-limit.js';
export { joinHostPort } from './host-port.js';
export { startSerfListener, type SerfListenerHandle } from './serf.js';
