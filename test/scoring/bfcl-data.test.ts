import { describe, expect, it } from 'vitest';
import { type LoadedExample, loadSuites } from '../../src/suite/index.js';
import { createScorer, type Scorer } from '../../src/scoring/index.js';
import { BFCL_CATEGORIES, BFCL_KNOWN_BAD, benchmarkData, knownBadAmong, referenceOutput, writeBenchmarkProject, type BenchmarkData } from '../suite/benchmark-data.js';

type Call = { name: string; arguments: Record<string, unknown> };

/** A value no acceptable list holds, of the same kind as the original. */
function wrongValue(value: unknown): unknown {
  if (typeof value === 'string') return `${value} but not quite 9137`;
  if (typeof value === 'number') return value + 7919.5;
  if (typeof value === 'boolean') return !value;
  if (Array.isArray(value)) return [...value, 'unexpected element 9137'];
  return { ...(value as object), unexpected_key_9137: 1 };
}

/** Broken versions of a correct answer, each of which the scorer must fail. */
function perturbations(example: LoadedExample, reference: Call[]): Array<{ kind: string; calls: Call[] }> {
  const [first, ...rest] = reference;
  if (!first) return [];
  const out: Array<{ kind: string; calls: Call[] }> = [];
  const withArgs = (args: Record<string, unknown>) => [{ name: first.name, arguments: args }, ...rest];
  const param = Object.keys(first.arguments)[0];
  if (param !== undefined) out.push({ kind: 'wrong value', calls: withArgs({ ...first.arguments, [param]: wrongValue(first.arguments[param]) }) });
  const definition = example.tools?.find((t) => t.name === first.name);
  const required = ((definition?.parameters.required as string[] | undefined) ?? []).find((r) => r in first.arguments);
  if (required !== undefined) {
    const { [required]: _dropped, ...args } = first.arguments;
    out.push({ kind: 'missing required parameter', calls: withArgs(args) });
  }
  out.push({ kind: 'extra parameter', calls: withArgs({ ...first.arguments, unexpected_param_9137: 1 }) });
  out.push({ kind: 'wrong function name', calls: [{ name: `${first.name}_v2`, arguments: first.arguments }, ...rest] });
  out.push({ kind: 'one call too many', calls: [...reference, first] });
  out.push({ kind: 'no call', calls: [] });
  return out;
}

for (const data of benchmarkData('bfcl')) describeData(data);

function describeData(data: BenchmarkData): void {
  describe.skipIf(data.missing)(`BFCL ground truth (${data.label}) through the suite loader and the tool-calls scorer${data.missing ? ` (skipped: ${data.missing})` : ''}`, () => {
    async function load(): Promise<Array<{ example: LoadedExample; scorer: Scorer }>> {
      const { project } = await writeBenchmarkProject(data.dir);
      const suites = await loadSuites(project, BFCL_CATEGORIES.map((c) => `bfcl-${c}`));
      const out: Array<{ example: LoadedExample; scorer: Scorer }> = [];
      for (const suite of suites) {
        const scorer = await createScorer(suite.config.scorer, { suiteDir: suite.dir, tools: suite.tools });
        for (const example of suite.examples) out.push({ example, scorer });
      }
      return out;
    }

    it('every ground-truth answer passes, except those the data itself gets wrong', async () => {
      const all = await load();
      expect(all).toHaveLength(data.counts.bfcl);
      const failing: string[] = [];
      for (const { example, scorer } of all) {
        expect(scorer.check?.(example)).toBeUndefined();
        const result = await scorer.score({ example, output: referenceOutput(example), trace: [] });
        if (!result.pass) failing.push(example.id);
        if (!result.pass && !(example.id in BFCL_KNOWN_BAD)) console.error(example.id, result.feedback);
      }
      expect(failing.sort()).toEqual(knownBadAmong(BFCL_KNOWN_BAD, all.map((a) => a.example.id)));
    });

    it('perturbed answers fail: wrong value, missing required parameter, extra parameter, wrong name, wrong call count', async () => {
      const all = await load();
      const tried = new Map<string, number>();
      const passedWrongly: string[] = [];
      for (const { example, scorer } of all) {
        if (example.id in BFCL_KNOWN_BAD) continue;
        for (const { kind, calls } of perturbations(example, referenceOutput(example).toolCalls)) {
          tried.set(kind, (tried.get(kind) ?? 0) + 1);
          const result = await scorer.score({ example, output: { answer: null, toolCalls: calls }, trace: [] });
          if (result.pass) passedWrongly.push(`${example.id} (${kind})`);
          else expect(result.feedback).not.toBe('');
        }
      }
      expect(passedWrongly).toEqual([]);
      // Every kind was tried on most of the data (a few functions have no parameters or none required).
      const good = all.filter(({ example }) => !(example.id in BFCL_KNOWN_BAD)).length;
      for (const kind of ['wrong value', 'missing required parameter', 'extra parameter', 'wrong function name', 'one call too many', 'no call']) {
        expect(tried.get(kind), kind).toBeGreaterThanOrEqual(Math.floor(good * 0.925));
      }
    });
  });
}
