import { fail } from '../core/errors.js';
import { roleNames, type EndpointConfig, type RoleName } from './schemas/endpoint.js';
import type { ProjectConfig } from './schemas/project.js';

/**
 * Environment variables that point roles at a server without editing agentdevel.yaml, as a CI
 * job needs (the release workflow sets them from a repository variable, or from the server it
 * started on a self-hosted GPU runner): `AGENTDEVEL_<ROLE>_BASE_URL` for one role, else
 * `AGENTDEVEL_BASE_URL` for every role. The value is `sim`, one http(s) URL, or several
 * separated by commas or spaces (balanced). Empty means unset. A URL changes where requests
 * go, not what a run records: run ids leave it out, so a run resumes against another address.
 */
export const BASE_URL_ENV = 'AGENTDEVEL_BASE_URL';

export function roleBaseUrlEnv(role: RoleName): string {
  return `AGENTDEVEL_${role.toUpperCase()}_BASE_URL`;
}

export function applyEndpointEnv(config: ProjectConfig, env: NodeJS.ProcessEnv): ProjectConfig {
  const endpoints = { ...config.endpoints };
  let changed = false;
  for (const role of roleNames) {
    const name = [roleBaseUrlEnv(role), BASE_URL_ENV].find((n) => (env[n] ?? '').trim() !== '');
    if (!name) continue;
    endpoints[role] = { ...endpoints[role], baseURL: parseBaseUrl(env[name]!, name) };
    changed = true;
  }
  return changed ? { ...config, endpoints } : config;
}

function parseBaseUrl(value: string, name: string): EndpointConfig['baseURL'] {
  const parts = value.trim().split(/[\s,]+/);
  if (parts.length === 1 && parts[0] === 'sim') return 'sim';
  for (const part of parts) {
    let url: URL | undefined;
    try {
      url = new URL(part);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      fail('ECONFIG', `the environment variable ${name}: "${part}" is not an http(s) URL or "sim"`, {
        details: `Set ${name} to the server's base URL (e.g. http://127.0.0.1:8000/v1), several separated by commas, or unset it to use agentdevel.yaml's baseURL.`,
      });
    }
  }
  return parts.length === 1 ? parts[0]! : parts;
}
