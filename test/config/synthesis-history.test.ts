import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HISTORY_TOKENS, loadProject } from '../../src/config/index.js';
import { tempDir } from '../helpers/tmp.js';

describe('synthesis.historyTokens in agentdevel.yaml', () => {
  it('defaults to DEFAULT_HISTORY_TOKENS and takes 0 (no history shown)', async () => {
    const root = await tempDir('agentdevel-history-');
    await writeFile(join(root, 'agentdevel.yaml'), 'synthesis:\n  maxAttempts: 2\n');
    expect((await loadProject({ cwd: root })).config.synthesis).toEqual({ maxAttempts: 2, maxPatchBytes: 65536, historyTokens: DEFAULT_HISTORY_TOKENS });
    await writeFile(join(root, 'agentdevel.yaml'), 'synthesis:\n  historyTokens: 0\n');
    expect((await loadProject({ cwd: root })).config.synthesis.historyTokens).toBe(0);
  });

  it('refuses a negative or fractional budget as ECONFIG naming the line and field', async () => {
    const root = await tempDir('agentdevel-history-');
    for (const value of ['-5', '12.5', 'lots']) {
      await writeFile(join(root, 'agentdevel.yaml'), `synthesis:\n  historyTokens: ${value}\n`);
      await expect(loadProject({ cwd: root })).rejects.toMatchObject({ code: 'ECONFIG', message: expect.stringMatching(/^agentdevel\.yaml:2:\d+: synthesis\.historyTokens: /) });
    }
  });
});
