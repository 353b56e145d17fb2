import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadSuite } from '../../src/suite/index.js';
import { createScorer } from '../../src/scoring/index.js';
import { HUMANEVAL_KNOWN_BAD, STUB_BODY, benchmarkData, knownBadAmong, mapLimit, writeBenchmarkProject } from '../suite/benchmark-data.js';

for (const data of benchmarkData('humaneval-x-js')) {
  const { humaneval: total, humanevalCanonicalPass: passing } = data.counts;
  describe.skipIf(data.missing)(`HumanEval-X JavaScript (${data.label}) through the suite loader and the code scorer${data.missing ? ` (skipped: ${data.missing})` : ''}`, () => {
    it(`canonical solutions pass ${passing} of ${total} (the known-bad references fail); \`return undefined\` bodies pass none`, { timeout: 180_000 }, async () => {
      const { project } = await writeBenchmarkProject(data.dir);
      const suite = await loadSuite(project, 'humaneval-x-js');
      expect(suite.examples).toHaveLength(total);
      const scorer = await createScorer(suite.config.scorer, { suiteDir: suite.dir });
      const jobs = suite.examples.flatMap((example) => [
        { example, kind: 'canonical' as const, answer: example.sim?.answer ?? '' },
        { example, kind: 'stub' as const, answer: STUB_BODY },
      ]);
      const results = await mapLimit(jobs, Math.max(2, availableParallelism()), async (job) => ({
        ...job,
        result: await scorer.score({ example: job.example, output: { answer: job.answer }, trace: [] }),
      }));
      const canonical = results.filter((r) => r.kind === 'canonical');
      const failing = canonical.filter((r) => !r.result.pass).map((r) => r.example.id);
      expect(failing.sort()).toEqual(knownBadAmong(HUMANEVAL_KNOWN_BAD, suite.examples.map((e) => e.id)));
      expect(canonical.filter((r) => r.result.pass)).toHaveLength(passing);
      const stubsPassing = results.filter((r) => r.kind === 'stub' && r.result.pass).map((r) => r.example.id);
      expect(stubsPassing).toEqual([]);
      // The feedback of a failed reference says why, for a critic to read.
      expect(canonical.find((r) => r.example.id === 'JavaScript/162')?.result.feedback).toContain("Cannot find module 'js-md5'");
    });
  });
}
