import { createTwoFilesPatch } from 'diff';
import { gitTreeHash, type Blueprint, type BlueprintFile } from '../../src/agent/index.js';
import { agentSchema } from '../../src/config/index.js';
import { parse } from 'yaml';

export const AGENT_YAML = `name: helper
kind: prompt
system: [prompts/system.md, prompts/tools.md]
editable: ['prompts/**']
`;

export const SYSTEM_MD = 'You are a helpful support agent.\nAnswer briefly.\n';

/** A small prompt agent held in memory: two editable prompt files, agent.yaml and a script that are not editable. */
export function memoryBlueprint(extra: Record<string, string> = {}, agentYaml = AGENT_YAML): Blueprint {
  const texts: Record<string, string> = {
    'agent.yaml': agentYaml,
    'prompts/system.md': SYSTEM_MD,
    'prompts/tools.md': 'Tools: lookup_order, refund.\n',
    'scripts/check.mjs': 'console.log("ok");\n',
    ...extra,
  };
  const files: BlueprintFile[] = Object.entries(texts)
    .map(([path, text]) => ({ path, content: Buffer.from(text, 'utf8'), executable: false }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  const config = agentSchema.parse(parse(agentYaml));
  return { name: config.name, dir: '/nonexistent/agents/helper', config, files, hash: gitTreeHash(files) };
}

/** The weather agent of the world fixtures (test/llm/world-fixtures.ts), in memory: agent.yaml and one editable prompt. */
export const WEATHER_PROMPT = 'You are a weather agent.\n';
export function weatherBlueprint(): Blueprint {
  const config = agentSchema.parse({ name: 'weather-bot', kind: 'prompt', system: 'prompts/system.md', editable: ['prompts/**'] });
  const files: BlueprintFile[] = [
    { path: 'agent.yaml', content: Buffer.from('name: weather-bot\nkind: prompt\nsystem: prompts/system.md\n'), executable: false },
    { path: 'prompts/system.md', content: Buffer.from(WEATHER_PROMPT), executable: false },
  ];
  return { name: config.name, dir: '/nowhere', config, files, hash: gitTreeHash(files) };
}

/** A unified diff from `before` to `after` of one file, as `git diff` names it. */
export function diffOf(path: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3 });
}

export const RULE = 'Always look up the order before answering.';
export const goodPatch = () => diffOf('prompts/system.md', SYSTEM_MD, `${SYSTEM_MD}${RULE}\n`);
