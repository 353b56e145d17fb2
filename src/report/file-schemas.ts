import { z } from 'zod';

/**
 * The parts of the stages' files a report reads, checked before use: a file that lacks them is
 * refused with the field named, never rendered half-understood. Other fields pass through.
 */

const count = z.number().int().min(0);
const share = z.number().nullable();
const splitRates = z.object({ dev: share, holdout: share });
const side = z.looseObject({ pass: count, fail: count, error: count, passRate: share });

export const gateFileSchema = z.looseObject({
  schemaVersion: z.literal(1),
  decision: z.enum(['accept', 'reject', 'inconclusive']),
  policy: z.looseObject({ name: z.string().optional() }),
  counts: z.looseObject({ examples: count, p2f: count, f2p: count, holdoutP2F: count, holdoutF2P: count, flaky: count, unconfirmed: count }),
  rates: z.looseObject({
    p2fRate: share,
    f2pRate: share,
    passRate: z.object({ baseline: splitRates, candidate: splitRates }),
    errorRate: z.object({ baseline: z.number(), candidate: z.number() }),
    intentAlignment: share,
  }),
  pValue: z.number(),
  flips: z.array(
    z.looseObject({
      key: z.string(),
      suite: z.string(),
      exampleId: z.string(),
      split: z.enum(['dev', 'holdout']),
      direction: z.enum(['p2f', 'f2p']),
      status: z.enum(['confirmed', 'flaky', 'unconfirmed']),
      baseline: side,
      candidate: side,
      mustPass: z.boolean(),
      baselineSymptoms: z.array(z.string()),
    }),
  ),
  reasons: z.array(
    z.looseObject({
      rule: z.string(),
      passed: z.boolean(),
      effect: z.enum(['reject', 'inconclusive']),
      threshold: z.union([z.number(), z.string(), z.null()]),
      observed: z.number().nullable(),
      examples: z.array(z.string()),
      exampleCount: count,
      message: z.string(),
    }),
  ),
});

export const diagnosisFileSchema = z.looseObject({
  schemaVersion: z.literal(1),
  input: z.looseObject({ simulated: z.boolean() }),
  population: z.looseObject({ fail: count }),
  symptoms: z.array(z.looseObject({ label: z.string(), records: count, examples: count, shareOfFailures: z.number(), expectedGain: z.number() })),
  taxonomy: z.array(z.object({ label: z.string(), description: z.string() })).optional(),
  target: z.looseObject({ status: z.enum(['targeted', 'no-actionable-symptom']), targets: z.array(z.string()), reason: z.string() }),
});

export const intentFileSchema = z.looseObject({ targets: z.array(z.string()), summary: z.string(), expectedFixes: z.array(z.string()) });

export const critiqueLineSchema = z.looseObject({
  suite: z.string(),
  exampleId: z.string(),
  status: z.enum(['pass', 'fail']),
  symptoms: z.array(z.looseObject({ label: z.string() })),
  critic: z.looseObject({ simulated: z.boolean() }).optional(),
  usage: z.looseObject({ promptTokens: count, completionTokens: count }).optional(),
});

export const synthesisFileSchema = z.looseObject({
  engineer: z.looseObject({ model: z.string(), simulated: z.boolean() }),
  attempts: z.array(z.looseObject({ cached: z.boolean(), promptTokens: count, completionTokens: count })),
  reason: z.string().optional(),
});

export const iterationFileSchema = z.looseObject({
  agent: z.string(),
  n: z.number().int().min(1),
  baselineRunId: z.string().optional(),
  baselineCommit: z.string().optional(),
  rcBranch: z.string().optional(),
  rcCommit: z.string().optional(),
  rcRunId: z.string().optional(),
  outcome: z.string().optional(),
});
