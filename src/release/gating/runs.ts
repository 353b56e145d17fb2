import { fail } from '../../core/errors.js';
import type { RunManifest } from '../../core/records.js';
import { stableStringify } from '../../core/hash.js';

/**
 * Refuses to gate two runs that are not a paired comparison: the release candidate must have
 * run the baseline's examples with the same suites, seed, sample range and repeats.
 */
export function checkComparable(baseline: RunManifest, candidate: RunManifest): void {
  const fields: Array<[string, (m: RunManifest) => unknown]> = [
    ['agent', (m) => m.agent],
    ['suites', (m) => m.suites.map(({ name, hash, repeats }) => ({ name, hash, repeats }))],
    ['seed', (m) => m.seed],
    ['sampleBase', (m) => m.sampleBase],
    ['examples', (m) => m.exampleKeys],
    ['shard', (m) => m.shard ?? null],
    // Runs scored by different critics measured different things.
    ['critic', (m) => (m.critic ? { model: m.critic.model, sampling: m.critic.sampling, world: m.critic.world ?? null } : null)],
  ];
  for (const [field, of] of fields) {
    const a = stableStringify(of(baseline));
    const b = stableStringify(of(candidate));
    if (a !== b) {
      fail('EGATE_INPUT', `the candidate's run ${candidate.runId} and the baseline's run ${baseline.runId} differ in ${field}: ${clip(a)} against ${clip(b)}`, {
        details: 'The gate compares the same examples, seeds and repeats on both versions. Run the candidate with the baseline run\'s suites, seed, --sample-base and repeats (the release loop does), then gate again.',
        data: { field, baseline: baseline.runId, candidate: candidate.runId },
      });
    }
  }
}

/** A run must be complete before it is gated: a missing record is not evidence. */
export function checkComplete(manifest: RunManifest, records: number, role: string): void {
  if (records < manifest.recordCount) {
    fail('ERUN_INCOMPLETE', `the ${role} run ${manifest.runId} has ${records} of its ${manifest.recordCount} records`, {
      details: 'Rerun the same `agentdevel release` (or `agentdevel run`) to finish it, then gate.',
    });
  }
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
