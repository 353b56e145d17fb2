import { AGENT_FILE, gitTreeHash, systemPrompt, taskMessages, type Blueprint } from '../agent/index.js';
import { agentSchema, parseYaml } from '../config/index.js';
import { fail } from '../core/errors.js';
import type { VersionHandle } from '../release/loop/index.js';
import type { LoadedExample } from '../suite/index.js';
import { candidateTree, type CandidateFile } from '../synthesis/index.js';

/**
 * A version of the agent as the study holds it: a blueprint in memory (no folder, no git), its
 * tree hash as identity, and the system prompt it sends, which is what the world's ground truth
 * reads.
 */
export interface StudyVersion extends VersionHandle {
  blueprint: Blueprint;
  hash: string;
  system: string;
}

/** The starting version: the project's blueprint as loaded. Only prompt agents: their system prompt is known without running them. */
export function startVersion(blueprint: Blueprint): StudyVersion {
  if (blueprint.config.kind !== 'prompt') {
    fail('EUSAGE', `study: agent "${blueprint.name}" is a ${blueprint.config.kind} agent; the study needs a prompt agent`, {
      details: "Ground truth is the simulated world's pass probability under the agent's system prompt, which only a prompt agent's blueprint states. Pick a `kind: prompt` agent with --agent.",
    });
  }
  return { label: 'v0', blueprint, hash: blueprint.hash, system: systemPrompt(blueprint, blueprint.config) };
}

/** The release candidate: the parent's files with the engineer's changed files, agent.yaml read again. */
export function candidateVersion(parent: StudyVersion, changed: readonly CandidateFile[], label: string): StudyVersion {
  const files = candidateTree(parent.blueprint.files, changed);
  const agentFile = files.find((file) => file.path === AGENT_FILE);
  const config = agentFile ? parseYaml(agentFile.content.toString('utf8'), agentSchema, AGENT_FILE) : parent.blueprint.config;
  const blueprint: Blueprint = { ...parent.blueprint, config, files, hash: gitTreeHash(files) };
  if (config.kind !== 'prompt') return fail('EINTERNAL', `study: the candidate ${label} is no longer a prompt agent`);
  return { label, blueprint, hash: blueprint.hash, system: systemPrompt(blueprint, config) };
}

/** The system text the world reads for one example: the agent's prompt plus the example's own system messages, joined as the world joins them. */
export function worldPrompt(version: Pick<StudyVersion, 'system'>, example: LoadedExample): string {
  const own = taskMessages(example).filter((message) => message.role === 'system');
  if (own.length === 0) return version.system;
  return [version.system, ...own.map((message) => (typeof message.content === 'string' ? message.content : ''))].join('\n');
}
