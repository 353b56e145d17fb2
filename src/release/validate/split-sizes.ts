import { loadGatePolicy, type Project } from '../../config/index.js';
import { holdoutTooSmallText, splitTooSmall } from '../../gate/index.js';
import type { LoadedSuite } from '../../suite/index.js';

/**
 * Warnings, not problems: suites whose holdout split is too small for the release's gate
 * policy (release.gate) to judge it as written. A run works; the holdout rule then can only
 * mean "no net holdout regression", and its pass rates move in big steps.
 */
export async function splitSizeWarnings(project: Project, loaded: readonly LoadedSuite[]): Promise<string[]> {
  const policy = await loadGatePolicy(project, project.config.release.gate).catch(() => undefined);
  if (!policy || policy.mode !== 'flips') return [];
  const chosen = project.config.release.suites;
  const suites = loaded.filter((s) => chosen.length === 0 || chosen.includes(s.name));
  const warnings: string[] = [];
  const holdout = suites.reduce((n, s) => n + s.examples.filter((e) => e.split === 'holdout').length, 0);
  const small = splitTooSmall(holdout, policy.holdout.maxDrop);
  if (small) {
    const names = suites.map((s) => s.name).join(', ');
    const share = suites[0]?.config.split.holdout;
    const total = share ? `; at the holdout share of ${Math.round(share * 100)}%, about ${Math.ceil(small.needed / share)} examples in all` : '';
    warnings.push(`holdout split too small for gate ${policy.name} (holdout.maxDrop ${policy.holdout.maxDrop}) on suites ${names}: ${holdoutTooSmallText(small)}${total}`);
  }
  return warnings;
}
