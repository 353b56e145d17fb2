import type { ConfigIssue, SuiteConfig, ToolDefinition } from '../config/index.js';
import type { PlacedExample } from './examples.js';

/**
 * Cross-checks of a suite beyond its schema: the simulated-world annotations refer to needs
 * and tags that exist, their calls name offered tools, and mustPass names real examples.
 */
export function crossCheck(config: SuiteConfig, placed: PlacedExample[], suiteFile: string, definitionsOf: (p: PlacedExample) => ToolDefinition[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const needs = config.sim?.needs ?? {};
  const tags = new Set(placed.flatMap((p) => p.example.tags));
  const ids = new Set(placed.map((p) => p.example.id));
  for (const [name, need] of Object.entries(needs)) {
    for (const tag of need.broad?.breaks ?? []) {
      if (!tags.has(tag)) issues.push({ file: suiteFile, path: `sim.needs.${name}.broad.breaks`, message: `no example carries the tag "${tag}", so this broad rule breaks nothing` });
    }
  }
  for (const p of placed) {
    const sim = p.example.sim;
    if (!sim) continue;
    const inline = p.where.startsWith('examples[');
    const at = inline ? `${p.where}.sim` : 'sim';
    // Inline examples are located by field path later; JSON-lines ones by their line.
    const line = inline ? undefined : p.line;
    for (const [index, need] of sim.needs.entries()) {
      if (!Object.hasOwn(needs, need)) issues.push({ file: p.file, line, path: `${at}.needs[${index}]`, message: `unknown need "${need}" (the suite's sim.needs are: ${Object.keys(needs).join(', ') || 'none'})` });
    }
    const offered = definitionsOf(p).map((d) => d.name);
    if (offered.length === 0) continue;
    for (const [index, call] of sim.calls.entries()) {
      if (!offered.includes(call.name)) issues.push({ file: p.file, line, path: `${at}.calls[${index}].name`, message: `calls "${call.name}", which is not among the tools offered (${offered.join(', ')})` });
    }
  }
  config.mustPass.forEach((id, index) => {
    if (!ids.has(id)) issues.push({ file: suiteFile, path: `mustPass[${index}]`, message: `no example with id "${id}"` });
  });
  return issues;
}
