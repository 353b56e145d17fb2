import { gatePolicySchema } from '../../src/config/index.js';
import type { CritiqueRecord } from '../../src/core/critique.js';
import type { LedgerEntry } from '../../src/core/ledger.js';
import type { RunRecord } from '../../src/core/records.js';
import { diagnose, type Diagnosis } from '../../src/diagnosis/index.js';
import { outcomesOf, type FlipEntry, type GateReason, type GateResult, type Outcomes } from '../../src/gate/index.js';
import type { ReportSources } from '../../src/report/index.js';

/** Text a model or a user file could put anywhere: markup of every format the reports write. */
export const HOSTILE = 'a|b `tick` <script>alert(1)</script> ]]> \u0007bell\u0000nul\nnew line & "q" \'s\' *em* [x](http://evil.example)';
export const HOSTILE_ID = `id|${'`'}x${'`'}<script>]]>\u0001`;

const BASELINE_RUN = 'run-baseline-0001';
const RC_RUN = 'run-candidate-0002';

const side = (pass: number, fail: number, error = 0) => ({ pass, fail, error, passRate: pass + fail === 0 ? null : pass / (pass + fail) });

function flip(id: string, direction: 'p2f' | 'f2p', status: FlipEntry['status'], extra: Partial<FlipEntry> = {}): FlipEntry {
  const good = side(3, 0);
  const bad = side(0, 3);
  return {
    key: `desk/${id}`,
    suite: 'desk',
    exampleId: id,
    split: 'dev',
    tags: [],
    direction,
    status,
    baseline: direction === 'p2f' ? good : bad,
    candidate: direction === 'p2f' ? bad : good,
    mustPass: false,
    baselineSymptoms: [],
    ...extra,
  };
}

export const FLIPS: FlipEntry[] = [
  flip('refund-1', 'p2f', 'confirmed', { mustPass: true }),
  flip(HOSTILE_ID, 'p2f', 'confirmed', { key: `desk/${HOSTILE_ID}`, baselineSymptoms: [] }),
  flip('fix-1', 'f2p', 'confirmed', { baselineSymptoms: ['wrong-tool'] }),
  flip('fix-2', 'f2p', 'confirmed', { baselineSymptoms: ['wrong-tool', 'hallucinated-fact'] }),
  flip('fix-3', 'f2p', 'confirmed', { baselineSymptoms: [HOSTILE] }),
  flip('flaky-1', 'p2f', 'flaky', { flakySource: 'samples', baseline: side(2, 1), candidate: side(1, 2) }),
  flip('noise-1', 'f2p', 'unconfirmed'),
  flip('hold-1', 'f2p', 'confirmed', { key: 'desk/hold-1', split: 'holdout' }),
];

function reason(rule: GateReason['rule'], passed: boolean, observed: number | null, threshold: GateReason['threshold'], message: string, examples: string[] = []): GateReason {
  return { rule, passed, effect: 'reject', threshold, observed, examples, exampleCount: examples.length, message };
}

export function gateResult(overrides: Partial<GateResult> = {}): GateResult {
  return {
    schemaVersion: 1,
    decision: 'reject',
    exitCode: 10,
    policy: { ...gatePolicySchema.parse({}), name: 'default' },
    counts: {
      examples: 16,
      dev: 15,
      holdout: 1,
      p2f: 2,
      f2p: 3,
      holdoutP2F: 0,
      holdoutF2P: 1,
      observedP2F: 3,
      observedF2P: 5,
      stablePass: 5,
      stableFail: 2,
      flaky: 1,
      unconfirmed: 1,
      undecided: 0,
      missing: 1,
      baselinePasses: 8,
      baselineFails: 6,
      records: { baseline: 48, candidate: 48, confirmation: 48 },
      errors: { baseline: 0, candidate: 3, confirmation: 0 },
    },
    rates: {
      p2fRate: 0.25,
      f2pRate: 0.5,
      passRate: { baseline: { dev: 0.6, holdout: 0.5 }, candidate: { dev: 0.7, holdout: 1 } },
      holdoutDrop: -1,
      errorRate: { baseline: 0, candidate: 0.0625 },
      intentAlignment: 2 / 3,
    },
    pValue: 1,
    flips: FLIPS,
    flaky: ['desk/flaky-1'],
    reasons: [
      reason('must-pass', false, 1, 0, '1 must-pass example regressed: desk/refund-1', ['desk/refund-1']),
      reason('max-p2f-rate', false, 0.25, 0.01, 'pass→fail rate 25.0% (2 of 8 dev examples the baseline passes; at most 1.0%)', ['desk/refund-1', `desk/${HOSTILE_ID}`]),
      reason('min-f2p', true, 3, 1, '3 confirmed fail→pass dev example(s) (at least 1)', ['desk/fix-1', 'desk/fix-2', 'desk/fix-3']),
      reason('mcnemar', true, 1, 0.05, 'exact McNemar on 2 P→F vs 3 F→P: p = 1, not significant at α = 0.05 (require no-regression)'),
      reason('error-budget', true, 0.0625, 0.1, `infrastructure errors with ${HOSTILE}`),
    ],
    flakyMemory: { schemaVersion: 1, examples: {} },
    ...overrides,
  };
}

function records(runId: string, spec: Array<[id: string, statuses: RunRecord['status'][], split?: 'dev' | 'holdout']>): RunRecord[] {
  return spec.flatMap(([id, statuses, split]) =>
    statuses.map((status, repeat) => ({
      runId,
      suite: 'desk',
      exampleId: id,
      repeat,
      sampleIndex: repeat,
      split: split ?? 'dev',
      tags: [],
      status,
      output: null,
      score: status === 'pass' ? 1 : 0,
      feedback: '',
      trace: [],
      usage: { calls: 1, cacheHits: 0, retries: 0, promptTokens: 10, completionTokens: 2 },
      startedAt: '2026-01-01T00:00:00.000Z',
      durationMs: 1,
    })),
  );
}

const P3: RunRecord['status'][] = ['pass', 'pass', 'pass'];
const F3: RunRecord['status'][] = ['fail', 'fail', 'fail'];

/** Both runs' first samples: the flips above plus stable and missing examples. */
export function runRecords(): { baseline: RunRecord[]; candidate: RunRecord[] } {
  const stable = (prefix: string, statuses: RunRecord['status'][], n: number) => Array.from({ length: n }, (_, i) => [`${prefix}-${i + 1}`, statuses] as [string, RunRecord['status'][]]);
  const flipsBefore = FLIPS.map((f) => [f.exampleId, f.direction === 'p2f' ? P3 : F3, f.split] as [string, RunRecord['status'][], 'dev' | 'holdout']);
  const flipsAfter = FLIPS.map((f) => [f.exampleId, f.direction === 'p2f' ? F3 : P3, f.split] as [string, RunRecord['status'][], 'dev' | 'holdout']);
  const common = [...stable('keep', P3, 5), ...stable('broken', F3, 2)];
  return {
    baseline: records(BASELINE_RUN, [...flipsBefore, ...common, ['lost-1', P3]]),
    candidate: records(RC_RUN, [...flipsAfter, ...common, ['lost-1', ['error', 'error', 'error']]]),
  };
}

export function runOutcomes(): { baseline: Outcomes; candidate: Outcomes } {
  const { baseline, candidate } = runRecords();
  return { baseline: outcomesOf(baseline), candidate: outcomesOf(candidate) };
}

export const RUNS = { baseline: BASELINE_RUN, candidate: RC_RUN };

function critique(id: string, status: 'pass' | 'fail', labels: string[]): CritiqueRecord {
  return {
    runId: BASELINE_RUN,
    suite: 'desk',
    exampleId: id,
    repeat: 0,
    status,
    verdict: labels.length > 0 ? 'fail' : 'unlabelled',
    symptoms: labels.map((label) => ({ label, description: `${label} seen`, evidence: 'quoted', step: 1 })),
    taxonomyVersion: 1,
    critic: { model: 'sim-critic', simulated: true, attempts: 1, cached: false },
    usage: { promptTokens: 100, completionTokens: 20 },
  };
}

export const CRITIQUES: CritiqueRecord[] = [
  critique('fix-1', 'fail', ['wrong-tool']),
  critique('fix-2', 'fail', ['wrong-tool', 'hallucinated-fact']),
  critique('fix-3', 'fail', ['wrong-tool']),
  critique('broken-1', 'fail', ['looping']),
  critique('broken-2', 'fail', ['wrong-tool']),
  critique('keep-1', 'pass', ['fragile-format']),
];

/** A real diagnosis of the baseline's failing records (the diagnose stage's own code). */
export function diagnosis(): Diagnosis {
  const { baseline } = runOutcomes();
  const recs = [...baseline.examples.values()].flatMap((e) =>
    records(BASELINE_RUN, [[e.exampleId, [...Array(e.pass).fill('pass'), ...Array(e.fail).fill('fail')] as RunRecord['status'][], e.split]]),
  );
  return diagnose(recs, CRITIQUES, { agent: 'bot', iteration: 4, simulated: true, labelDescriptions: { 'wrong-tool': 'calls a tool that does not answer the question' } });
}

const COMMIT = (c: string) => c.repeat(40);

function ledgerEntry(iteration: number, decision: LedgerEntry['decision'], version: number | null, parent: number, gate: LedgerEntry['gate']): LedgerEntry {
  return {
    schemaVersion: 1,
    agent: 'bot',
    iteration,
    decision,
    version,
    tag: version === null ? null : `bot@v${version}`,
    parent: { version: parent, tag: `bot@v${parent}`, commit: COMMIT(String(parent)) },
    rc: decision === 'no-candidate' ? null : { branch: `agentdevel/bot@rc-${iteration}`, commit: COMMIT('a'), base: COMMIT(String(parent)) },
    runs: { baseline: `run-b-${iteration}`, candidate: decision === 'no-candidate' ? null : `run-c-${iteration}`, confirmation: [] },
    suites: [{ name: 'desk', hash: 'h' }],
    models: { agent: { model: 'sim-agent', simulated: true, sampling: {} } },
    gate,
    usage: [{ role: 'agent', calls: 100, cacheHits: 10, promptTokens: 5000, completionTokens: 500, cost: 0.25 }],
    simulated: true,
    report: `releases/bot/iteration-${iteration}.md`,
    startedAt: null,
    gatedAt: null,
    recordedAt: '2026-01-01T00:00:00.000Z',
  };
}

const gateLine = (p2f: number, f2p: number, before: [number, number], after: [number, number]): LedgerEntry['gate'] => ({
  policy: 'default',
  p2f,
  f2p,
  flaky: 0,
  pValue: 0.5,
  p2fRate: 0,
  f2pRate: 0.1,
  passRate: { baseline: { dev: before[0], holdout: before[1] }, candidate: { dev: after[0], holdout: after[1] } },
  reasons: [],
});

/** Iterations 1-3: accept (v1), reject, no candidate. */
export const LEDGER: LedgerEntry[] = [
  ledgerEntry(1, 'accept', 1, 0, gateLine(0, 6, [0.4, 0.5], [0.55, 0.5])),
  ledgerEntry(2, 'reject', null, 1, gateLine(4, 2, [0.55, 0.5], [0.5, 0.25])),
  ledgerEntry(3, 'no-candidate', null, 1, null),
];

export const SYMPTOM_HISTORY = new Map<number, Record<string, number>>([
  [1, { 'wrong-tool': 9, looping: 4 }],
  [2, { 'wrong-tool': 6, looping: 5, [HOSTILE]: 1 }],
]);

export const PATCH = [
  'diff --git a/prompts/system.md b/prompts/system.md',
  '--- a/prompts/system.md',
  '+++ b/prompts/system.md',
  '@@ -1,2 +1,3 @@',
  ' You are a support agent.',
  '-Answer briefly.',
  '+Answer briefly. ``` not a fence end',
  '+Use lookup_order before answering about an order.',
  '',
].join('\n');

/** Iteration 4 with every file present. */
export function fullSources(overrides: Partial<ReportSources> = {}): ReportSources {
  return {
    agent: 'bot',
    iteration: 4,
    generatedAt: '2026-01-02T03:04:05.000Z',
    state: { baselineRunId: BASELINE_RUN, rcRunId: RC_RUN, baselineCommit: COMMIT('b'), rcCommit: COMMIT('c'), rcBranch: 'agentdevel/bot@rc-4' },
    gate: gateResult(),
    outcomes: runOutcomes(),
    diagnosis: diagnosis(),
    intent: { targets: ['wrong-tool'], summary: `Call lookup_order first. ${HOSTILE}`, expectedFixes: ['fix-1', 'fix-2'] },
    patch: PATCH,
    critiques: CRITIQUES,
    synthesis: { engineer: { model: 'sim-engineer', simulated: true }, attempts: [{ cached: false, promptTokens: 900, completionTokens: 300 }] },
    agentUsage: { role: 'agent', calls: 96, cacheHits: 0, promptTokens: 960, completionTokens: 192, cost: null },
    ledger: LEDGER,
    symptomHistory: SYMPTOM_HISTORY,
    simulated: true,
    ...overrides,
  };
}

export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Iteration 4's folder as the stages write it: file name → content. */
export function folderFiles(): Record<string, string> {
  const src = fullSources();
  return {
    'iteration.json': json({ agent: 'bot', n: 4, completed: {}, ...src.state }),
    'gate.json': json(gateResult()),
    'diagnosis.json': json(diagnosis()),
    'intent.json': json(src.intent),
    'rc.patch': PATCH,
    'critique.jsonl': CRITIQUES.map((c) => JSON.stringify(c)).join('\n') + '\n',
    'synthesis.json': json({ agent: 'bot', iteration: 4, status: 'candidate', ...src.synthesis }),
  };
}
