import type { FlipEntry, GateResult, SideSummary } from '../gate/index.js';
import { workflowCommand } from './workflow-commands.js';

/** Where an example is written: a path relative to the repository root, and its line when known. */
export interface ExampleLocation {
  file: string;
  line?: number;
}

export interface Annotation {
  level: 'error' | 'warning';
  title: string;
  message: string;
  file?: string;
  line?: number;
}

/**
 * GitHub shows at most 10 error and 10 warning annotations of a step; past that the last one
 * shown says how many more there are and where they are listed.
 */
export const ANNOTATION_LIMIT = 10;

const SIMULATED = ' (simulated world: not a real model)';

/**
 * The gate's examples as annotations on the suite files: an error for every confirmed P→F
 * example (a regression the gate counted), a warning for every flaky one (reported, not
 * counted), a warning for a P→F a decided gate left unconfirmed (no rerun could change its
 * decision). Fixes are left to the report.
 */
export function gateAnnotations(gate: GateResult, locate: (flip: FlipEntry) => ExampleLocation | undefined, options: { simulated: boolean; check?: boolean }): Annotation[] {
  const note = options.simulated ? SIMULATED : '';
  // A check compares a pull request's head with its base; the release loop, a release candidate with the current version.
  const [current, baseline, candidate] = options.check ? ['base', 'base', 'head'] : ['current version', 'baseline', 'release candidate'];
  const regressions = gate.flips.filter((f) => f.direction === 'p2f' && f.status === 'confirmed');
  const flaky = gate.flips.filter((f) => f.status === 'flaky');
  // A decided gate may leave flips unconfirmed when no rerun could change its decision: their regressions are still worth a look.
  const unconfirmed = gate.decision === 'inconclusive' ? [] : gate.flips.filter((f) => f.direction === 'p2f' && f.status === 'unconfirmed');
  const errors = regressions.map((flip): Annotation => ({
    level: 'error',
    title: `P→F regression: ${flip.key}`,
    message: `${flip.key}${flip.split === 'holdout' ? ' (holdout)' : ''} passes on the ${current} and fails on the ${candidate}, confirmed by reruns: ${side(baseline, flip.baseline)}, ${side(candidate, flip.candidate)}${flip.mustPass ? '; a must-pass example' : ''}${note}`,
    ...at(locate(flip)),
  }));
  const warnings = flaky.map((flip): Annotation => ({
    level: 'warning',
    title: `Flaky: ${flip.key}`,
    message: `${flip.key} changes its outcome against itself (${flip.flakySource === 'memory' ? 'remembered from earlier gates' : 'its own samples disagree'}): reported, not counted as a regression or a fix; ${side(baseline, flip.baseline)}, ${side(candidate, flip.candidate)}${note}`,
    ...at(locate(flip)),
  }));
  const open = unconfirmed.map((flip): Annotation => ({
    level: 'warning',
    title: `Unconfirmed P→F: ${flip.key}`,
    message: `${flip.key}${flip.split === 'holdout' ? ' (holdout)' : ''} passed on the ${current} and failed on the ${candidate}, not rerun because no rerun could change the decision: ${side(baseline, flip.baseline)}, ${side(candidate, flip.candidate)}${flip.mustPass ? '; a must-pass example' : ''}${note}`,
    ...at(locate(flip)),
  }));
  return [...capped(errors, 'confirmed P→F examples'), ...capped(open, 'unconfirmed P→F examples'), ...capped(warnings, 'flaky examples')];
}

export function renderAnnotation(annotation: Annotation): string {
  return workflowCommand(annotation.level, { file: annotation.file, line: annotation.line, title: annotation.title }, annotation.message);
}

function capped(list: Annotation[], what: string): Annotation[] {
  if (list.length <= ANNOTATION_LIMIT) return list;
  const shown = list.slice(0, ANNOTATION_LIMIT - 1);
  const rest = list.length - shown.length;
  const level = list[0]!.level;
  return [...shown, { level, title: `${rest} more ${what}`, message: `${rest} more ${what} than GitHub shows as annotations: the job summary and the report list every one.` }];
}

function side(name: string, counts: SideSummary): string {
  const scored = counts.pass + counts.fail;
  return `${name} ${counts.pass}/${scored} passed${counts.error > 0 ? ` (${counts.error} infrastructure errors)` : ''}`;
}

function at(location: ExampleLocation | undefined): Pick<Annotation, 'file' | 'line'> {
  if (!location) return {};
  return location.line === undefined ? { file: location.file } : { file: location.file, line: location.line };
}
