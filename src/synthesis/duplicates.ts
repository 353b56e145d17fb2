import type { RefusedCandidate } from './refusal-history.js';

export interface DuplicateFinding {
  /** The iteration whose refused candidate this one repeats (the first that was gated). */
  iteration: number;
  message: string;
}

/**
 * Finds a candidate identical to a refused one by its tree hash: the whole agent folder, so the
 * same change made on another base is a new candidate, and a different change that ends in the
 * same files is the same one.
 */
export function duplicateFinder(refused: readonly RefusedCandidate[]): (candidateHash: string) => DuplicateFinding | undefined {
  const byHash = new Map<string, RefusedCandidate>();
  // The earliest gated refusal names a hash best: a duplicate iteration only repeated it.
  const ordered = [...refused].sort((a, b) => rank(a) - rank(b) || a.iteration - b.iteration);
  for (const candidate of ordered) if (candidate.candidateHash && !byHash.has(candidate.candidateHash)) byHash.set(candidate.candidateHash, candidate);
  return (candidateHash) => {
    const found = byHash.get(candidateHash);
    if (!found) return undefined;
    const how = found.outcome === 'duplicate' ? 'which repeated a refused candidate itself' : `which the gate ${found.outcome === 'reject' ? 'rejected' : 'found inconclusive'}${found.rules.length > 0 ? ` (${found.rules.map((r) => r.rule).join(', ')})` : ''}`;
    return {
      iteration: found.iteration,
      message: `the change gives exactly the candidate of iteration ${found.iteration} (candidate tree ${candidateHash.slice(0, 12)}), ${how}: an identical candidate is never run again. Propose a different change (see the refused candidates above)`,
    };
  };
}

function rank(candidate: RefusedCandidate): number {
  return candidate.outcome === 'duplicate' ? 1 : 0;
}
