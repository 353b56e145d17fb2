import { z } from 'zod';

/**
 * One line of `releases/<agent>/ledger.jsonl`: the committed record of one iteration. Written
 * by src/release, read by the release loop and the report's charts; shared here so both can
 * validate it. Fields are added, never renamed or re-typed, without bumping schemaVersion.
 */
export const LEDGER_SCHEMA_VERSION = 1;

export const ledgerDecisions = ['accept', 'reject', 'inconclusive', 'no-candidate'] as const;
export type LedgerDecision = (typeof ledgerDecisions)[number];

const commitId = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'expected a full git commit id');
const isoTime = z.iso.datetime({ offset: true });
const rate = z.number().min(0).max(1).nullable();
const splitRates = z.object({ dev: rate, holdout: rate });

export const ledgerEntrySchema = z.object({
  schemaVersion: z.literal(LEDGER_SCHEMA_VERSION),
  agent: z.string().min(1),
  iteration: z.number().int().min(1),
  decision: z.enum(ledgerDecisions),
  /** The version this iteration made (accept only), else null. */
  version: z.number().int().min(1).nullable(),
  tag: z.string().min(1).nullable(),
  /** The version on the line when the decision was recorded: what the RC was compared with. */
  parent: z.object({ version: z.number().int().min(0), tag: z.string().min(1), commit: commitId }),
  /** The release candidate (null when the iteration produced none). */
  rc: z.object({ branch: z.string().min(1), commit: commitId, base: commitId.nullable() }).nullable(),
  runs: z.object({ baseline: z.string().nullable(), candidate: z.string().nullable(), confirmation: z.array(z.string()) }),
  suites: z.array(z.object({ name: z.string(), hash: z.string() })),
  /** Per role: the model and sampling settings that produced the evidence (never a key or URL credentials). */
  models: z.record(z.string(), z.object({ model: z.string().nullable(), simulated: z.boolean(), sampling: z.record(z.string(), z.unknown()) })),
  gate: z
    .object({
      policy: z.string().nullable(),
      p2f: z.number().int().min(0),
      f2p: z.number().int().min(0),
      flaky: z.number().int().min(0),
      pValue: z.number().min(0).max(1).nullable(),
      p2fRate: rate,
      f2pRate: rate,
      passRate: z.object({ baseline: splitRates, candidate: splitRates }),
      /**
       * Net-benefit mode: what the decision used of the line's false-promotion budget (alpha, spend,
       * margin, the level it tested at, the test's p-value, spent before and after). Summing the
       * levels of the line's decisions that did not promote gives what the line has spent; the
       * chance that any promotion on the line was truly not better stays at most alpha.
       */
      budget: z
        .object({
          alpha: z.number().gt(0).lt(1),
          spend: z.number().gt(0).max(1),
          margin: z.number().min(0).lt(1),
          level: z.number().min(0).max(1),
          pValue: z.number().min(0).max(1),
          spentBefore: z.number().min(0).max(1),
          spentAfter: z.number().min(0).max(1),
        })
        .nullable()
        .optional(),
      /** On accept: the regressions (P→F, `suite/id`) this promotion ships knowingly, named so none ships silently. */
      acceptedRegressions: z.array(z.string()).optional(),
      /** Every rule the gate judged: what it measured against what threshold. */
      reasons: z.array(
        z.object({
          rule: z.string(),
          passed: z.boolean(),
          threshold: z.union([z.number(), z.string(), z.null()]),
          observed: z.number().nullable(),
        }),
      ),
    })
    .nullable(),
  usage: z.array(
    z.object({
      role: z.string(),
      calls: z.number().int().min(0),
      cacheHits: z.number().int().min(0),
      promptTokens: z.number().int().min(0),
      completionTokens: z.number().int().min(0),
      cost: z.number().min(0).nullable(),
    }),
  ),
  /** Why there is no candidate, for `no-candidate` (`duplicate: …` when the engineer only repeated refused candidates). */
  reason: z.string().optional(),
  /**
   * Where the candidate came from when a person made it: the `agentdevel check` whose runs and
   * gate are this line's evidence (`promote --from-check`). Absent: the engineer's candidate.
   */
  origin: z
    .object({
      kind: z.literal('check'),
      id: z.string(),
      base: z.object({ ref: z.string(), commit: z.string() }),
      head: z.object({ ref: z.string(), commit: z.string().nullable() }),
      checkedAt: z.string(),
    })
    .optional(),
  /**
   * The candidate, for every iteration that had one, so the ledger alone tells later
   * iterations (and readers) what was tried: its tree hash (git's tree id of the agent folder,
   * the identity a duplicate is recognised by), its intent and a compact diff summary.
   */
  candidateHash: z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'expected a git tree id').optional(),
  intent: z.object({ targets: z.array(z.string()), summary: z.string() }).optional(),
  diff: z
    .array(
      z.object({
        path: z.string().min(1),
        action: z.enum(['modify', 'create', 'delete']),
        added: z.number().int().min(0),
        removed: z.number().int().min(0),
        /** The first changed lines, `+` or `-` first, clipped. */
        lines: z.array(z.string()),
        moreLines: z.number().int().min(0),
      }),
    )
    .optional(),
  /** A no-candidate whose attempts repeated refused candidates: the iterations they repeated. */
  duplicateOf: z.array(z.number().int().min(1)).optional(),
  /** Any evidence came from the simulated world, not a real model. */
  simulated: z.boolean(),
  /** The audit report committed with this line, relative to the repository root. */
  report: z.string().min(1),
  startedAt: isoTime.nullable(),
  gatedAt: isoTime.nullable(),
  recordedAt: isoTime,
});

export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;
