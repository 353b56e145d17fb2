import type { EndpointConfig, RoleName } from '../config/index.js';
import { fail } from '../core/errors.js';
import { readSecret } from '../core/secrets.js';

/** Models the simulated world plays when an endpoint says `baseURL: sim` without naming one. */
export const simModels: Record<RoleName, string> = { agent: 'sim-agent', critic: 'sim-critic', engineer: 'sim-engineer' };

/** Sent where no key is needed (the simulated world, a local server without auth): the SDK insists on one. */
const NO_KEY = 'no-key';

export function isSimulated(endpoint: EndpointConfig): boolean {
  return endpoint.baseURL === 'sim';
}

/** The model a role asks for: configured, or the simulated world's default; a real server needs one named. */
export function modelFor(role: RoleName, endpoint: EndpointConfig, configFile: string): string {
  if (endpoint.model) return endpoint.model;
  if (isSimulated(endpoint)) return simModels[role];
  return fail('ECONFIG', `${configFile}: endpoints.${role}.model: required when baseURL is a server URL (the name of the model it serves)`, {
    details: `Add endpoints.${role}.model to ${configFile}, e.g. the model id listed by GET <baseURL>/models.`,
  });
}

/** The base URLs of a real endpoint, in configured order. */
export function urlsOf(endpoint: EndpointConfig): string[] {
  const { baseURL } = endpoint;
  return Array.isArray(baseURL) ? baseURL : [baseURL];
}

/** The API key from the variable named by apiKeyEnv, registered for masking; the simulated world needs none. */
export function apiKeyFor(role: RoleName, endpoint: EndpointConfig, configFile: string, env: NodeJS.ProcessEnv): string {
  if (isSimulated(endpoint) || !endpoint.apiKeyEnv) return NO_KEY;
  const key = readSecret(endpoint.apiKeyEnv, env);
  if (!key) {
    fail('ESECRET_MISSING', `${configFile}: endpoints.${role}.apiKeyEnv: the environment variable ${endpoint.apiKeyEnv} is not set`, {
      details: `Export ${endpoint.apiKeyEnv} with the API key before running, or remove apiKeyEnv if the server needs no key.`,
    });
  }
  return key;
}
