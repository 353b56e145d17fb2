import { describe, expect, it } from 'vitest';
import { ledgerPoint, reportInput } from '../../src/report/index.js';
import { fullSources, gateResult, LEDGER } from './fixtures.js';

describe('report input from the stages’ documents', () => {
  it('reads a ledger line as the version the line holds after it: the RC’s rates on accept, the baseline’s otherwise', () => {
    expect(ledgerPoint(LEDGER[0]!, { looping: 2 })).toEqual({
      iteration: 1,
      version: 'v1',
      outcome: 'accept',
      p2f: 0,
      f2p: 6,
      pValue: 0.5,
      passRate: { dev: 0.55, holdout: 0.5 },
      symptoms: { looping: 2 },
      simulated: true,
    });
    expect(ledgerPoint(LEDGER[1]!)).toMatchObject({ version: 'v1', outcome: 'reject', passRate: { dev: 0.55, holdout: 0.5 } });
    expect(ledgerPoint(LEDGER[2]!)).toMatchObject({ version: 'v1', outcome: 'no-candidate', p2f: null, f2p: null, passRate: { dev: null, holdout: null } });
  });

  it('adds the gated iteration as the last point until the ledger records it, with the version it would make', () => {
    const pending = reportInput(fullSources({ gate: gateResult({ decision: 'accept', exitCode: 0 }) })).ledger.at(-1);
    expect(pending).toMatchObject({ iteration: 4, version: 'v2', outcome: 'accept', p2f: 2, f2p: 3, passRate: { dev: 0.7, holdout: 1 } });
    const recorded = { ...LEDGER[1]!, iteration: 4 };
    const input = reportInput(fullSources({ ledger: [...LEDGER, recorded] }));
    expect(input.ledger.map((p) => p.iteration)).toEqual([1, 2, 3, 4]);
    expect(input.ledger.at(-1)?.symptoms).toEqual({ 'wrong-tool': 4, looping: 1, 'hallucinated-fact': 1 });
  });

  it("labels flips with the gate's baseline symptoms and other failing examples with their critiques; fragile passes are not failures", () => {
    const input = reportInput(fullSources());
    expect(input.labels.get('desk/fix-2')).toEqual(['wrong-tool', 'hallucinated-fact']);
    expect(input.labels.get('desk/broken-1')).toEqual(['looping']);
    expect(input.labels.get('desk/keep-1')).toBeUndefined();
  });

  it('sums usage from the files when the ledger has no line for the iteration (no cost), else takes the line’s', () => {
    expect(reportInput(fullSources()).usage).toEqual([
      { role: 'agent', calls: 96, cacheHits: 0, promptTokens: 960, completionTokens: 192, cost: null },
      { role: 'critic', calls: 6, cacheHits: 0, promptTokens: 600, completionTokens: 120, cost: null },
      { role: 'engineer', calls: 1, cacheHits: 0, promptTokens: 900, completionTokens: 300, cost: null },
    ]);
    const line = { ...LEDGER[0]!, iteration: 4 };
    expect(reportInput(fullSources({ ledger: [line] })).usage).toEqual(line.usage);
  });

  it('takes run ids and commits from iteration.json, else from the ledger line', () => {
    const line = { ...LEDGER[1]!, iteration: 4 };
    const input = reportInput(fullSources({ state: null, ledger: [line] }));
    expect(input.runs).toEqual({ baseline: 'run-b-2', rc: 'run-c-2', confirmation: [] });
    expect(input.commits).toEqual({ baseline: '1'.repeat(40), rc: 'a'.repeat(40), rcBranch: 'agentdevel/bot@rc-2' });
    expect(input.outcome).toBe('reject');
  });
});
