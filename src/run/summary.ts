import type { RoleName } from '../config/index.js';
import type { RecordStatus, RunManifest, RunRecord, Split } from '../core/records.js';
import type { RoleUsage } from '../llm/types.js';

export interface OutcomeCounts {
  records: number;
  pass: number;
  fail: number;
  error: number;
  /** pass / (pass + fail): infrastructure errors are not results and count neither way; null when nothing was scored. */
  passRate: number | null;
}

export interface RunSummary {
  runId: string;
  agent: string;
  model: string;
  /** True when the agent endpoint was the simulated world: the results say nothing about a real model. */
  simulated: boolean;
  shard: { index: number; count: number } | null;
  /** Per suite and split, in run order. */
  groups: Array<{ suite: string; split: Split } & OutcomeCounts>;
  suites: Array<{ suite: string } & OutcomeCounts>;
  total: OutcomeCounts;
  /** Records the run should have; fewer were found when it was interrupted. */
  expected: number;
  complete: boolean;
  /** Model usage summed over the records (the agent's own calls). */
  recordUsage: { calls: number; cacheHits: number; retries: number; promptTokens: number; completionTokens: number };
  /** Model usage of this invocation, per role (a resumed run counts only what it ran now). */
  roles: Partial<Record<RoleName, RoleUsage>>;
  /** Records newly written by this invocation; null for a run made by merge. */
  ran: number | null;
  /** The first error record's code and reason, so that a run of errors can say what went wrong. */
  firstError?: { code: string; reason: string };
}

function emptyCounts(): OutcomeCounts {
  return { records: 0, pass: 0, fail: 0, error: 0, passRate: null };
}

function add(counts: OutcomeCounts, status: RecordStatus): void {
  counts.records++;
  counts[status]++;
  const scored = counts.pass + counts.fail;
  counts.passRate = scored === 0 ? null : counts.pass / scored;
}

/** Folds records into a summary one at a time, so a run of any size is summarised in constant memory. */
export class SummaryBuilder {
  private readonly groups = new Map<string, { suite: string; split: Split } & OutcomeCounts>();
  private readonly suites = new Map<string, { suite: string } & OutcomeCounts>();
  private readonly total = emptyCounts();
  private readonly usage = { calls: 0, cacheHits: 0, retries: 0, promptTokens: 0, completionTokens: 0 };
  private firstError: RunSummary['firstError'];

  constructor(private readonly manifest: RunManifest) {
    // Pre-seed in run order so that suites and splits without records still show, in a stable order.
    for (const suite of manifest.suites) {
      this.suites.set(suite.name, { suite: suite.name, ...emptyCounts() });
    }
  }

  add(record: RunRecord): void {
    const groupKey = `${record.suite}\u0000${record.split}`;
    let group = this.groups.get(groupKey);
    if (!group) this.groups.set(groupKey, (group = { suite: record.suite, split: record.split, ...emptyCounts() }));
    let suite = this.suites.get(record.suite);
    if (!suite) this.suites.set(record.suite, (suite = { suite: record.suite, ...emptyCounts() }));
    add(group, record.status);
    add(suite, record.status);
    add(this.total, record.status);
    if (record.status === 'error') this.firstError ??= { code: record.errorCode ?? 'EINTERNAL', reason: record.reason ?? '' };
    for (const field of Object.keys(this.usage) as Array<keyof typeof this.usage>) this.usage[field] += record.usage[field];
  }

  build(extra: { roles: Partial<Record<RoleName, RoleUsage>>; ran: number | null }): RunSummary {
    const suiteOrder = [...this.suites.keys()];
    const splitOrder: Split[] = ['dev', 'holdout'];
    const groups = [...this.groups.values()].sort(
      (a, b) => suiteOrder.indexOf(a.suite) - suiteOrder.indexOf(b.suite) || splitOrder.indexOf(a.split) - splitOrder.indexOf(b.split),
    );
    return {
      runId: this.manifest.runId,
      agent: this.manifest.agent,
      model: this.manifest.model.model,
      // A command agent may never call its model: then no result came from the simulated world, whatever the endpoint.
      simulated: this.manifest.model.simulated && this.usage.calls > 0,
      shard: this.manifest.shard ?? null,
      groups,
      suites: [...this.suites.values()],
      total: { ...this.total },
      expected: this.manifest.recordCount,
      complete: this.total.records === this.manifest.recordCount,
      recordUsage: { ...this.usage },
      roles: extra.roles,
      ran: extra.ran,
      ...(this.firstError ? { firstError: this.firstError } : {}),
    };
  }
}
