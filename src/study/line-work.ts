import type { CritiqueRecord } from '../core/critique.js';
import { critiqueRecords, type CriticOptions, type Taxonomy } from '../critic/index.js';
import { diagnose, renderSpec, type Diagnosis, type DiagnosisOptions } from '../diagnosis/index.js';
import { sampleRanges, type Spent } from '../release/loop/index.js';
import type { LoadedSuite } from '../suite/index.js';
import { synthesizeCandidate, type Intent, type RefusedCandidate, type SynthesisLimits } from '../synthesis/index.js';
import { hashValue } from '../core/hash.js';
import { playRun, type PlayedRun, type Player } from './play.js';
import { candidateVersion, type StudyVersion } from './version.js';

/** What the engineer made of one iteration's diagnosis, and what asking it cost. */
export type Synthesis =
  | { kind: 'candidate'; candidate: StudyVersion; intent: Intent; patch: string; cost: Spent }
  | { kind: 'no-target' | 'no-candidate'; reason: string; duplicateOf?: number[]; cost: Spent };

export interface LineSettings {
  player: Player;
  suites: readonly LoadedSuite[];
  taxonomy: Taxonomy;
  critic: CriticOptions;
  synthesis: SynthesisLimits;
  diagnosis: DiagnosisOptions;
}

/** Regressions a policy's line shipped knowingly: key and the iteration that accepted it. */
export type Known = ReadonlyArray<{ key: string; iteration: number }>;

export const NO_COST: Spent = Object.freeze({ calls: 0, tokens: 0 });

/**
 * The work of one release line (one world, one seed) shared by every gate policy that runs on
 * it. Each stage's result is a deterministic function of what it is keyed by (iteration, the
 * versions' tree hashes, the reruns asked for): the world answers a request the same way every
 * time and every sample index comes from the iteration number. So while two policies hold the
 * same version at iteration n they get the very same baseline run, critiques, diagnosis,
 * candidate and candidate run, computed once. Nothing a policy decided leaks into another: the
 * keys hold no policy state, and each policy is charged the full cost of what it used, as if it
 * had run alone.
 */
export class LineWork {
  private readonly memo = new Map<string, Promise<unknown>>();
  /** Model use actually made on this line (shared work counted once). */
  readonly made: Spent = { calls: 0, tokens: 0 };

  constructor(readonly settings: LineSettings) {}

  /** The paired run of iteration n: baseline and candidate alike play the iteration's range. */
  run(n: number, version: StudyVersion): Promise<PlayedRun> {
    return this.once(`run|${n}|${version.hash}`, async () => this.charged(await playRun(this.settings.player, version, { sampleBase: sampleRanges(n).runs })));
  }

  critiques(n: number, version: StudyVersion): Promise<{ critiques: CritiqueRecord[]; cost: Spent }> {
    return this.once(`critique|${n}|${version.hash}`, async () => {
      const { records } = await this.run(n, version);
      const critiques: CritiqueRecord[] = [];
      const context = { suites: this.settings.suites, client: this.settings.player.models.client('critic'), taxonomy: this.settings.taxonomy, options: this.settings.critic };
      for await (const critique of critiqueRecords(records, context)) critiques.push(critique);
      const cost = { calls: 0, tokens: 0 };
      for (const c of critiques) {
        if (c.critic.cached) continue;
        cost.calls += c.critic.attempts;
        cost.tokens += (c.usage?.promptTokens ?? 0) + (c.usage?.completionTokens ?? 0);
      }
      return this.charged({ critiques, cost });
    });
  }

  /** The diagnosis of iteration n's baseline, with the regressions the policy's line shipped knowingly (a policy's own; none: shared). */
  diagnosis(n: number, version: StudyVersion, known: Known = []): Promise<Diagnosis> {
    return this.once(`diagnose|${n}|${version.hash}${known.length === 0 ? '' : `|${hashValue(known)}`}`, async () => {
      const [{ records }, { critiques }] = await Promise.all([this.run(n, version), this.critiques(n, version)]);
      return diagnose(records, critiques, { ...this.settings.diagnosis, iteration: n, ...(known.length > 0 ? { knownRegressions: known } : {}) });
    });
  }

  /** The engineer's candidate for iteration n, shown the line's refused candidates (a policy's own history; none: as before history existed). */
  synthesis(n: number, version: StudyVersion, refused: readonly RefusedCandidate[] = [], known: Known = []): Promise<Synthesis> {
    const history = refused.length === 0 && known.length === 0 ? '' : `|${hashValue({ refused, known })}`;
    return this.once(`synthesize|${n}|${version.hash}${history}`, async () => this.charged(await this.synthesize(n, version, refused, known)));
  }

  /**
   * One round of sequential confirmation: `keys` rerun once on both versions, with the sample
   * index of that round in the iteration's confirmation range (round r plays what the r-th
   * confirmation repeat would).
   */
  confirmation(n: number, versions: { baseline: StudyVersion; candidate: StudyVersion }, keys: readonly string[], round: number): Promise<{ baseline: PlayedRun; candidate: PlayedRun }> {
    const range = { sampleBase: sampleRanges(n).confirmation + round, repeats: 1, keys };
    const side = (version: StudyVersion) => this.once(`confirm|${n}|${version.hash}|${round}|${keys.join(',')}`, async () => this.charged(await playRun(this.settings.player, version, range)));
    return Promise.all([side(versions.baseline), side(versions.candidate)]).then(([baseline, candidate]) => ({ baseline, candidate }));
  }

  /** A fresh run of a version on every example, after the last iteration: the observed final pass rates. */
  evaluation(after: number, version: StudyVersion): Promise<PlayedRun> {
    return this.once(`evaluate|${after}|${version.hash}`, async () => this.charged(await playRun(this.settings.player, version, { sampleBase: sampleRanges(after).holdout })));
  }

  private async synthesize(n: number, version: StudyVersion, refused: readonly RefusedCandidate[], known: Known): Promise<Synthesis> {
    const diagnosis = await this.diagnosis(n, version, known);
    if (diagnosis.target.status === 'no-actionable-symptom') return { kind: 'no-target', reason: `no actionable symptom: ${diagnosis.target.reason}`, cost: NO_COST };
    const targets = new Set(diagnosis.target.targets);
    const exemplars = diagnosis.exemplars
      .filter((group) => targets.has(group.label))
      .flatMap((group) => group.exemplars.map((e) => ({ label: group.label, suite: e.suite, exampleId: e.exampleId, text: e.trace })));
    const result = await synthesizeCandidate({
      blueprint: version.blueprint,
      spec: renderSpec(diagnosis),
      exemplars,
      client: this.settings.player.models.client('engineer'),
      limits: this.settings.synthesis,
      sampleIndex: n,
      refused,
    });
    const cost = { calls: 0, tokens: 0 };
    for (const a of result.attempts) {
      if (a.cached) continue;
      cost.calls += 1;
      cost.tokens += a.promptTokens + a.completionTokens;
    }
    if (!result.ok) {
      const duplicate = result.duplicateOf.length > 0;
      const reason = duplicate ? `duplicate: every attempt repeated a refused candidate (iteration ${result.duplicateOf.join(', ')})` : `no valid patch in ${result.attempts.length} attempts (synthesis.maxAttempts)`;
      return { kind: 'no-candidate', reason, ...(duplicate ? { duplicateOf: result.duplicateOf } : {}), cost };
    }
    return { kind: 'candidate', candidate: candidateVersion(version, result.files, `rc-${n}`), intent: result.intent, patch: result.patch, cost };
  }

  private charged<T extends { cost: Spent }>(value: T): T {
    this.made.calls += value.cost.calls;
    this.made.tokens += value.cost.tokens;
    return value;
  }

  private once<T>(key: string, work: () => Promise<T>): Promise<T> {
    let found = this.memo.get(key) as Promise<T> | undefined;
    if (!found) this.memo.set(key, (found = work()));
    return found;
  }
}
