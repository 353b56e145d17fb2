import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEFAULT_TAXONOMY_FILE, loadTaxonomy } from '../../src/critic/index.js';
import { tempDir } from '../helpers/tmp.js';
import { repoRoot } from './fixture.js';

describe('the taxonomy', () => {
  test('the shipped v1 file, found from the module itself: version 1 and the ten default labels', async () => {
    expect(DEFAULT_TAXONOMY_FILE).toBe(join(repoRoot, 'taxonomy/v1.yaml'));
    const taxonomy = await loadTaxonomy();
    expect(taxonomy.version).toBe(1);
    expect(taxonomy.labels.map((l) => l.label)).toEqual([
      'missing-required-step',
      'wrong-action-order',
      'invalid-tool-arguments',
      'wrong-tool',
      'incorrect-output-format',
      'premature-termination',
      'hallucinated-fact',
      'ignored-instruction',
      'looping',
      'refusal',
    ]);
    expect(taxonomy.labels.every((l) => l.description.length > 20)).toBe(true);
  });

  test("the project's labels are added after the shipped ones", async () => {
    const taxonomy = await loadTaxonomy([{ label: 'leaked-pii', description: 'The answer reveals personal data.' }]);
    expect(taxonomy.labels.at(-1)).toEqual({ label: 'leaked-pii', description: 'The answer reveals personal data.' });
    expect(taxonomy.has('leaked-pii')).toBe(true);
    expect(taxonomy.has('refusal')).toBe(true);
    expect(taxonomy.has('other')).toBe(false);
  });

  test('a label defined twice, or a reserved one, is ECONFIG naming where', async () => {
    await expect(loadTaxonomy([{ label: 'refusal', description: 'again' }])).rejects.toMatchObject({ code: 'ECONFIG', message: expect.stringMatching(/agentdevel\.yaml: critic\.labels\[0\]: the label "refusal" is already defined at .*v1\.yaml: labels\[9\]/) });
    await expect(
      loadTaxonomy([
        { label: 'a-label', description: 'one' },
        { label: 'a-label', description: 'two' },
      ]),
    ).rejects.toMatchObject({ code: 'ECONFIG', message: expect.stringContaining('critic.labels[1]: the label "a-label" is already defined at agentdevel.yaml: critic.labels[0]') });
    await expect(loadTaxonomy([{ label: 'other', description: 'x' }])).rejects.toMatchObject({ code: 'ECONFIG', message: expect.stringContaining('"other" is reserved') });
  });

  test('a broken taxonomy file is reported with its field', async () => {
    const file = join(await tempDir(), 'v9.yaml');
    await writeFile(file, 'version: 9\nlabels:\n  - label: Not Kebab\n    description: x\n');
    await expect(loadTaxonomy([], file)).rejects.toMatchObject({ code: 'ECONFIG', message: expect.stringContaining('labels[0].label') });
  });
});
