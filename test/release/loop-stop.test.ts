import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import { release } from '../../src/release/loop/index.js';
import { git } from '../synthesis/git-fixture.js';
import { ledgerOf, loopProject, RULES, tagsOf } from './loop-fixture.js';

const releaseIn = async (root: string, options: { iterations?: number; gate?: string } = {}) => release({ project: await loadProject({ cwd: root }), agent: 'qa', ...options });

describe('stop rules of the release loop on the store and git', () => {
  it('stops after K consecutive rejections, recording each; the version line keeps its blueprint', async () => {
    const { root } = await loopProject({ examples: 16, release: { maxConsecutiveRejections: 2 }, gates: { never: 'name: never\nminF2P: 1000\n' } });
    const result = await releaseIn(root, { iterations: 5, gate: 'never' });
    expect(result.iterations.map((r) => [r.n, r.decision, r.failedRules])).toEqual([
      [1, 'reject', ['min-f2p']],
      [2, 'reject', ['min-f2p']],
    ]);
    expect(result.stop).toMatchObject({ rule: 'consecutive-rejections', observed: 2, threshold: 2 });
    expect((await ledgerOf(root)).map((e) => e.decision)).toEqual(['reject', 'reject']);
    expect(await tagsOf(root)).toEqual(['qa@v0']);
    expect(await git(root, 'diff', '--stat', 'main', 'agentdevel/qa', '--', 'agents')).toBe('');
    // Both candidates stay on their branches for audit.
    expect(await git(root, 'branch', '--list', 'agentdevel/qa@rc-*')).toMatch(/rc-1[\s\S]*rc-2/);
  }, 120_000);

  it('stops when the diagnosis finds no actionable symptom, recording the iteration as no candidate', async () => {
    const { root } = await loopProject({ examples: 16, prompt: `You answer travel questions briefly. ${RULES.units} ${RULES.plain} ${RULES.attempt}` });
    const result = await releaseIn(root, { iterations: 3 });
    expect(result.iterations).toHaveLength(1);
    expect(result.iterations[0]).toMatchObject({ decision: 'no-candidate', noTarget: true, passRate: { baseline: { dev: 1 }, candidate: null } });
    expect(result.stop.rule).toBe('no-actionable-symptom');
    const [entry] = await ledgerOf(root);
    expect(entry).toMatchObject({ decision: 'no-candidate', rc: null, gate: null });
    expect(entry!.reason).toMatch(/^no actionable symptom: no failing dev record/);
    expect(result.holdout).toMatchObject({ version: 'v0', passRate: 1 });
  }, 120_000);

  it('stops when the model-call budget of release.budget is spent', async () => {
    const { root } = await loopProject({ examples: 16, release: { budget: { calls: 20 } } });
    const result = await releaseIn(root, { iterations: 3 });
    expect(result.iterations).toHaveLength(1);
    expect(result.stop).toMatchObject({ rule: 'budget', threshold: 20 });
    expect(result.spent.calls).toBeGreaterThanOrEqual(20);
    // The ledger line carries the same use, per role.
    const [entry] = await ledgerOf(root);
    const usage = entry!.usage as Array<{ role: string; calls: number; cacheHits: number }>;
    expect(usage.reduce((n, u) => n + u.calls - u.cacheHits, 0)).toBe(result.spent.calls);
    expect(usage.map((u) => u.role)).toEqual(['agent', 'critic', 'engineer']);
  }, 120_000);
});
