import type { SimChatRequest, SimReply } from '../types.js';
import { simCritic } from './critic.js';
import { simulatedEngineer } from './engineer.js';
import type { WorldCore } from './core.js';

/**
 * The other roles the world plays, told apart from the agent by the name of the JSON schema
 * their request asks for. Each role is a factory over the world's core (catalogue, truth,
 * parameters), so a role lives in its own file and the agent's code never changes for it.
 */
export type RoleResponder = (request: SimChatRequest) => SimReply;
export type RoleFactory = (core: WorldCore) => RoleResponder;

/** The response_format.json_schema.name of each role's requests, and who answers it. */
export const roleFactories: Readonly<Record<string, RoleFactory>> = {
  critique: simCritic,
  release_candidate: simulatedEngineer,
};

export function schemaName(request: SimChatRequest): string | undefined {
  return request.response_format?.type === 'json_schema' ? request.response_format.json_schema?.name : undefined;
}
