import type { Project } from '../config/index.js';
import { fail } from '../core/errors.js';
import { loadSuites } from '../suite/index.js';

/**
 * `run --example <ids...> --tag <tags...>`: the examples to run, as `suite/id` keys: those named
 * (a bare id when one suite holds it) and those carrying any of the tags. Undefined: every example.
 */
export async function chooseExamples(project: Project, suiteNames: string[], examples: string[] | undefined, tags: string[] | undefined): Promise<string[] | undefined> {
  if (!examples?.length && !tags?.length) return undefined;
  const suites = await loadSuites(project, suiteNames);
  const all = suites.flatMap((s) => s.examples.map((e) => ({ key: `${s.name}/${e.id}`, id: e.id, tags: e.tags ?? [] })));
  const keys = new Set<string>();
  for (const given of examples ?? []) {
    if (all.some((e) => e.key === given)) {
      keys.add(given);
      continue;
    }
    const matches = all.filter((e) => e.id === given);
    if (matches.length !== 1) {
      fail('EUSAGE', matches.length === 0 ? `--example ${given}: no example of that id in the suites run (${suiteNames.join(', ')})` : `--example ${given}: ${matches.length} suites hold it (${matches.map((m) => m.key).join(', ')})`, {
        details: 'Name an example as `suite/id` (or a bare id held by one suite); `agentdevel show <run>` lists them.',
      });
    }
    keys.add(matches[0]!.key);
  }
  for (const tag of tags ?? []) {
    const tagged = all.filter((e) => e.tags.includes(tag));
    if (tagged.length === 0) fail('EUSAGE', `--tag ${tag}: no example of the suites run (${suiteNames.join(', ')}) carries it`, { details: "Tags are the examples' `tags:` lists in specs/<suite>.yaml." });
    for (const e of tagged) keys.add(e.key);
  }
  return [...keys];
}
