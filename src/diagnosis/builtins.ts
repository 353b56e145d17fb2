import { affectedExamples } from './scripts/affected-examples.js';
import { candidateClasses } from './scripts/candidate-classes.js';
import { coOccurrence } from './scripts/co-occurrence.js';
import { exemplars } from './scripts/exemplars.js';
import { fragilePasses } from './scripts/fragile-passes.js';
import { population } from './scripts/population.js';
import { regressionGuard } from './scripts/regression-guard.js';
import { symptomFrequency } from './scripts/symptom-frequency.js';
import { triggeringPatterns } from './scripts/triggering-patterns.js';

/** The built-in scripts, in the order their results appear in diagnosis.json. */
export const builtinScripts = {
  population,
  symptomFrequency,
  affectedExamples,
  triggeringPatterns,
  coOccurrence,
  exemplars,
  fragilePasses,
  candidateClasses,
  regressionGuard,
} as const;
