import { gatePolicySchema } from '../../src/config/index.js';
import type { FlipEntry, GateResult } from '../../src/gate/index.js';

/** An example id a suite file may hold: every character a workflow command treats specially. */
export const EDGE_ID = 'a:b,c%d\ne';

const side = (pass: number, fail: number, error = 0) => ({ pass, fail, error, passRate: pass + fail === 0 ? null : pass / (pass + fail) });

export function flip(suite: string, exampleId: string, direction: 'p2f' | 'f2p', status: FlipEntry['status'], extra: Partial<FlipEntry> = {}): FlipEntry {
  return {
    key: `${suite}/${exampleId}`,
    suite,
    exampleId,
    split: 'dev',
    tags: [],
    direction,
    status,
    baseline: direction === 'p2f' ? side(4, 0) : side(0, 4),
    candidate: direction === 'p2f' ? side(0, 4) : side(4, 0),
    mustPass: false,
    baselineSymptoms: [],
    ...extra,
  };
}

/** A rejecting gate.json: two confirmed regressions (one with the edge id), a fix, a flaky example and an unconfirmed flip. */
export function rejectingGate(flips?: FlipEntry[]): GateResult {
  const list = flips ?? [
    flip('edge', EDGE_ID, 'p2f', 'confirmed'),
    flip('shop-faq', 'price-service', 'p2f', 'confirmed', { mustPass: true }),
    flip('shop-faq', 'booking-how', 'f2p', 'confirmed', { baselineSymptoms: ['ignored-instruction'] }),
    flip('shop-faq', 'order-part', 'p2f', 'flaky', { flakySource: 'samples', baseline: side(3, 1), candidate: side(2, 2) }),
    flip('shop-faq', 'rental', 'f2p', 'unconfirmed'),
  ];
  const p2f = list.filter((f) => f.direction === 'p2f' && f.status === 'confirmed').map((f) => f.key);
  return {
    schemaVersion: 1,
    decision: 'reject',
    exitCode: 10,
    policy: { ...gatePolicySchema.parse({}), name: 'default' },
    counts: {
      examples: 26, dev: 21, holdout: 5, p2f: p2f.length, f2p: 1, holdoutP2F: 0, holdoutF2P: 0, observedP2F: p2f.length + 1, observedF2P: 2,
      stablePass: 12, stableFail: 6, flaky: 1, unconfirmed: 1, undecided: 0, missing: 0, baselinePasses: 14, baselineFails: 7,
      records: { baseline: 26, candidate: 26, confirmation: 24 }, errors: { baseline: 0, candidate: 0, confirmation: 0 },
    },
    rates: {
      p2fRate: p2f.length / 14,
      f2pRate: 1 / 7,
      passRate: { baseline: { dev: 0.66, holdout: 0.6 }, candidate: { dev: 0.6, holdout: 0.6 } },
      holdoutDrop: 0,
      errorRate: { baseline: 0, candidate: 0 },
      intentAlignment: 1,
    },
    pValue: 0.625,
    flips: list,
    flaky: list.filter((f) => f.status === 'flaky').map((f) => f.key),
    reasons: [
      { rule: 'max-p2f-rate', passed: false, effect: 'reject', threshold: 0.01, observed: p2f.length / 14, examples: p2f, exampleCount: p2f.length, message: `pass→fail rate too high (${p2f.length} of 14)` },
    ],
    flakyMemory: { schemaVersion: 1, examples: {} },
  };
}
