import { describe, expect, it } from 'vitest';
import { engineerMessages, editableFiles } from '../../src/synthesis/index.js';
import { memoryBlueprint } from './fixtures.js';

describe('what the engineer is shown', () => {
  it('shows only the editable files, each fenced longer than any backtick run inside it', () => {
    const blueprint = memoryBlueprint({ 'prompts/fenced.md': 'a ```` b\n', 'prompts/bare.md': 'no newline', 'prompts/empty.md': '', 'prompts/logo.bin': 'PNG\u0000\u0001' });
    const [system, user] = engineerMessages({ blueprint, editable: editableFiles(blueprint), spec: 'Target: looping\n', exemplars: [] });
    expect(system!.content).toContain('exactly one change');
    const text = String(user!.content);
    expect(text).toContain('## File: prompts/fenced.md\n`````\na ```` b\n`````');
    expect(text).toContain('## File: prompts/bare.md (no newline at end of file)\n```\nno newline\n```');
    expect(text).toContain('## File: prompts/empty.md (empty file)\n```\n```');
    expect(text).toContain('## File: prompts/logo.bin (binary: not shown, cannot be patched)');
    expect(text).not.toContain('\u0000');
    for (const hidden of ['agent.yaml', 'scripts/check.mjs', 'console.log']) expect(text).not.toContain(hidden);
  });

  it('quotes an exemplar once: not again when the spec already carries its trace', () => {
    const blueprint = memoryBlueprint();
    const trace = 'support/o1 #0 · fail\nfinal answer: it shipped';
    const exemplars = [
      { label: 'hallucinated-fact', suite: 'support', exampleId: 'o1', text: trace },
      { label: 'hallucinated-fact', suite: 'support', exampleId: 'o2', text: 'support/o2 #0 · fail\nfinal answer: refunded' },
    ];
    const user = String(engineerMessages({ blueprint, editable: editableFiles(blueprint), spec: `Target: hallucinated-fact\n\n\`\`\`\n${trace}\n\`\`\`\n`, exemplars })[1]!.content);
    expect(user.split(trace)).toHaveLength(2);
    expect(user).toContain('## hallucinated-fact: support/o2');
  });
});
