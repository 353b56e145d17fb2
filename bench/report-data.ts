/**
 * Generated inputs for bench:report: a gate result with many flips (a third of them P→F, some
 * flaky, hostile characters in some ids), both runs' outcomes, critiques, a ledger of past
 * iterations and a patch. Deterministic: the same counts give the same data.
 */
import { gatePolicySchema } from '../src/config/index.js';
import type { LedgerEntry } from '../src/core/ledger.js';
import type { ExampleOutcome, FlipEntry, GateResult, Outcomes } from '../src/gate/index.js';
import type { ReportSources } from '../src/report/index.js';

const LABELS = ['wrong-tool', 'looping', 'hallucinated-fact', 'ignored-instruction', 'format-error', 'gave-up', 'other'];
const side = (pass: number, fail: number) => ({ pass, fail, error: 0, passRate: pass + fail === 0 ? null : pass / (pass + fail) });

function exampleId(i: number): string {
  // One in a hundred carries characters every format must escape.
  return i % 100 === 7 ? `case-${i}|\`<b>]]>&\u0001` : `case-${String(i).padStart(6, '0')}`;
}

function outcome(i: number, pass: number, fail: number): ExampleOutcome {
  const suite = `suite-${i % 5}`;
  const id = exampleId(i);
  return { key: `${suite}/${id}`, suite, exampleId: id, split: i % 10 === 0 ? 'holdout' : 'dev', tags: [], pass, fail, error: 0 };
}

/** `flips` flipped examples among `examples` examples (3 repeats each). */
export function benchSources(flips: number, examples: number): ReportSources {
  const baseline = new Map<string, ExampleOutcome>();
  const candidate = new Map<string, ExampleOutcome>();
  const flipList: FlipEntry[] = [];
  for (let i = 0; i < examples; i++) {
    const flipped = i < flips;
    const p2f = i % 3 === 0;
    const stablePass = i % 2 === 0;
    const before = flipped ? (p2f ? [3, 0] : [0, 3]) : stablePass ? [3, 0] : [0, 3];
    const after = flipped ? (p2f ? [0, 3] : [3, 0]) : before;
    const b = outcome(i, before[0]!, before[1]!);
    const c = outcome(i, after[0]!, after[1]!);
    baseline.set(b.key, b);
    candidate.set(c.key, c);
    if (flipped) {
      flipList.push({
        key: b.key,
        suite: b.suite,
        exampleId: b.exampleId,
        split: b.split,
        tags: [],
        direction: p2f ? 'p2f' : 'f2p',
        status: i % 40 === 0 ? 'flaky' : 'confirmed',
        baseline: side(b.pass, b.fail),
        candidate: side(c.pass, c.fail),
        mustPass: i % 500 === 0,
        baselineSymptoms: p2f ? [] : [LABELS[i % LABELS.length]!, LABELS[(i + 3) % LABELS.length]!],
      });
    }
  }
  const out = (map: Map<string, ExampleOutcome>): Outcomes => ({ examples: map, records: map.size * 3, errors: 0 });
  const p2f = flipList.filter((f) => f.direction === 'p2f' && f.status === 'confirmed').length;
  const f2p = flipList.filter((f) => f.direction === 'f2p' && f.status === 'confirmed').length;
  const gate: GateResult = {
    schemaVersion: 1,
    decision: 'reject',
    exitCode: 10,
    policy: { ...gatePolicySchema.parse({}), name: 'default' },
    counts: {
      examples,
      dev: examples - Math.ceil(examples / 10),
      holdout: Math.ceil(examples / 10),
      p2f,
      f2p,
      holdoutP2F: 0,
      holdoutF2P: 0,
      observedP2F: p2f,
      observedF2P: f2p,
      stablePass: Math.floor((examples - flips) / 2),
      stableFail: Math.ceil((examples - flips) / 2),
      flaky: flipList.length - p2f - f2p,
      unconfirmed: 0,
      undecided: 0,
      missing: 0,
      baselinePasses: examples / 2,
      baselineFails: examples / 2,
      records: { baseline: examples * 3, candidate: examples * 3, confirmation: flips * 6 },
      errors: { baseline: 0, candidate: 0, confirmation: 0 },
    },
    rates: { p2fRate: 0.2, f2pRate: 0.3, passRate: { baseline: { dev: 0.5, holdout: 0.5 }, candidate: { dev: 0.52, holdout: 0.5 } }, holdoutDrop: 0, errorRate: { baseline: 0, candidate: 0 }, intentAlignment: 0.6 },
    pValue: 0.0001,
    flips: flipList,
    flaky: flipList.filter((f) => f.status === 'flaky').map((f) => f.key),
    reasons: [
      { rule: 'max-p2f', passed: false, effect: 'reject', threshold: 0, observed: p2f, examples: flipList.filter((f) => f.direction === 'p2f').slice(0, 50).map((f) => f.key), exampleCount: p2f, message: `${p2f} confirmed pass→fail dev example(s) (at most 0)` },
      { rule: 'min-f2p', passed: true, effect: 'reject', threshold: 1, observed: f2p, examples: [], exampleCount: 0, message: `${f2p} confirmed fail→pass dev example(s) (at least 1)` },
    ],
    flakyMemory: { schemaVersion: 1, examples: {} },
  };
  const critiques = flipList
    .filter((f) => f.direction === 'f2p')
    .map((f) => ({ suite: f.suite, exampleId: f.exampleId, status: 'fail' as const, symptoms: f.baselineSymptoms.map((label) => ({ label })), critic: { simulated: true }, usage: { promptTokens: 300, completionTokens: 40 } }));
  return {
    agent: 'bench',
    iteration: 51,
    generatedAt: '2026-01-01T00:00:00.000Z',
    state: { baselineRunId: 'run-bench-b', rcRunId: 'run-bench-c', baselineCommit: 'b'.repeat(40), rcCommit: 'c'.repeat(40), rcBranch: 'agentdevel/bench@rc-51' },
    gate,
    outcomes: { baseline: out(baseline), candidate: out(candidate) },
    diagnosis: null,
    intent: { targets: ['wrong-tool'], summary: 'Call the lookup tool before answering.', expectedFixes: flipList.slice(0, 200).map((f) => f.exampleId) },
    patch: ['--- a/prompts/system.md', '+++ b/prompts/system.md', '@@ -1,1 +1,400 @@', ' You are an agent.', ...Array.from({ length: 400 }, (_, i) => `+Rule ${i}: ${'be careful '.repeat(8)}`), ''].join('\n'),
    critiques,
    ledger: ledger(50),
    symptomHistory: new Map(Array.from({ length: 50 }, (_, i) => [i + 1, Object.fromEntries(LABELS.map((l, k) => [l, ((i + 1) * (k + 3)) % 97]))])),
    simulated: true,
  };
}

function ledger(n: number): LedgerEntry[] {
  let version = 0;
  return Array.from({ length: n }, (_, i): LedgerEntry => {
    const accept = i % 3 !== 2;
    const parent = version;
    if (accept) version++;
    const rate = Math.min(0.95, 0.4 + i * 0.01);
    return {
      schemaVersion: 1,
      agent: 'bench',
      iteration: i + 1,
      decision: accept ? 'accept' : 'reject',
      version: accept ? version : null,
      tag: accept ? `bench@v${version}` : null,
      parent: { version: parent, tag: `bench@v${parent}`, commit: 'a'.repeat(40) },
      rc: { branch: `agentdevel/bench@rc-${i + 1}`, commit: 'c'.repeat(40), base: 'a'.repeat(40) },
      runs: { baseline: `run-b-${i}`, candidate: `run-c-${i}`, confirmation: [] },
      suites: [{ name: 'suite-0', hash: 'h' }],
      models: { agent: { model: 'sim-agent', simulated: true, sampling: {} } },
      gate: { policy: 'default', p2f: i % 4, f2p: 10 + (i % 7), flaky: 1, pValue: 0.01, p2fRate: 0.01, f2pRate: 0.1, passRate: { baseline: { dev: rate, holdout: rate - 0.05 }, candidate: { dev: rate + 0.01, holdout: rate - 0.04 } }, reasons: [] },
      usage: [{ role: 'agent', calls: 1000, cacheHits: 10, promptTokens: 100_000, completionTokens: 10_000, cost: 1.5 }],
      simulated: true,
      report: `releases/bench/iteration-${i + 1}.md`,
      startedAt: null,
      gatedAt: null,
      recordedAt: '2026-01-01T00:00:00.000Z',
    };
  });
}
