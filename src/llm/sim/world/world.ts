import type { SimChatRequest, SimReply, SimResponder, SimWorldInput } from '../types.js';
import { buildCore, type WorldCore } from './core.js';
import { roleFactories, schemaName, type RoleResponder } from './roles.js';

/** The simulated world: a responder for the server, and its knowledge for tests and studies. */
export interface World extends SimResponder, WorldCore {}

export function createWorld(input: SimWorldInput): World {
  const { core, agent } = buildCore(input);
  const roles = new Map<string, RoleResponder>(Object.entries(roleFactories).map(([name, factory]) => [name, factory(core)]));
  return {
    ...core,
    respond(request: SimChatRequest): SimReply {
      const name = schemaName(request);
      const role = name === undefined ? undefined : roles.get(name);
      return role ? role(request) : agent.respond(request);
    },
  };
}
