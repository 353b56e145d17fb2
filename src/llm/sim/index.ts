export { startSimServer, type SimServer, type SimServerStats } from './server.js';
export { createDirectFetch, DIRECT_SIM_URL, type DirectFetch } from './direct.js';
export { resolveSimOptions, faultKinds, type FaultKind, type LatencySetting, type SimServerOptions } from './options.js';
export { createEchoResponder } from './echo-responder.js';
export { SIM_MODELS } from './models.js';
export { instanceOf as schemaInstance } from './schema-instance.js';
export type { SimChatRequest, SimReply, SimResponder, SimSuiteInput, SimWorldInput } from './types.js';
