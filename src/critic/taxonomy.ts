import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadYamlFile, taxonomyLabelSchema } from '../config/index.js';
import { fail } from '../core/errors.js';

export interface TaxonomyLabel {
  label: string;
  description: string;
}

/** The labels a critic may give, with their meaning. */
export interface Taxonomy {
  /** The version of the shipped file the labels start from; critiques record it. */
  version: number;
  labels: readonly TaxonomyLabel[];
  has(label: string): boolean;
}

/** A symptom the critic named outside the taxonomy is kept under this label, with its own name as `proposed`. */
export const OTHER_LABEL = 'other';
const RESERVED = new Set([OTHER_LABEL, 'unlabelled']);

/**
 * The shipped taxonomy, found from this module's own place so it resolves both from src/
 * (tests) and from dist/ (the installed package): both are one folder below the package root.
 */
export const DEFAULT_TAXONOMY_FILE = fileURLToPath(new URL('../../taxonomy/v1.yaml', import.meta.url));

const taxonomyFileSchema = z.strictObject({
  version: z.number().int().min(1),
  labels: z.array(taxonomyLabelSchema).min(1),
});

/**
 * The shipped taxonomy plus the project's `critic.labels`. A label given twice, or one of the
 * reserved names (`other`, `unlabelled`), is ECONFIG naming where.
 */
export async function loadTaxonomy(extra: readonly TaxonomyLabel[] = [], file = DEFAULT_TAXONOMY_FILE): Promise<Taxonomy> {
  const shipped = await loadYamlFile(file, taxonomyFileSchema);
  const seen = new Map<string, string>();
  const add = (label: string, where: string) => {
    if (RESERVED.has(label)) {
      fail('ECONFIG', `${where}: "${label}" is reserved (symptoms outside the taxonomy are kept as "${OTHER_LABEL}"; unreadable critiques are "unlabelled")`, { details: 'Choose another name for the label.' });
    }
    const first = seen.get(label);
    if (first) fail('ECONFIG', `${where}: the label "${label}" is already defined at ${first}`, { details: 'Each taxonomy label must be defined once: remove or rename the duplicate under critic.labels in agentdevel.yaml.' });
    seen.set(label, where);
  };
  shipped.labels.forEach((entry, i) => add(entry.label, `${file}: labels[${i}]`));
  extra.forEach((entry, i) => add(entry.label, `agentdevel.yaml: critic.labels[${i}]`));
  const labels = [...shipped.labels, ...extra].map(({ label, description }) => ({ label, description }));
  const known = new Set(labels.map((entry) => entry.label));
  return { version: shipped.version, labels, has: (label) => known.has(label) };
}
