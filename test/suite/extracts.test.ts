import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FULL_OPENAPI_FILE, OPENAPI_FILE, replySchemaClosure } from '../llm/sim-server-openapi.js';
import { BFCL_CATEGORIES, EXTRACT_DATA, SHARED_DATA } from './benchmark-data.js';

/** The data files the repository keeps an extract of, as paths under a data folder. */
const LINE_FILES = [
  ...BFCL_CATEGORIES.flatMap((c) => [join('bfcl', `BFCL_v4_${c}.json`), join('bfcl', 'possible_answer', `BFCL_v4_${c}.json`)]),
  join('humaneval-x-js', 'humaneval_js.jsonl'),
];

const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');

describe('the data extracts in test/fixtures/data', () => {
  it('each set has its licence and provenance beside it', () => {
    for (const set of ['bfcl', 'humaneval-x-js', 'openai-openapi']) {
      expect(readFileSync(join(EXTRACT_DATA, set, 'LICENSE'), 'utf8')).toMatch(/Apache License|MIT License/);
      expect(readFileSync(join(EXTRACT_DATA, set, 'README.txt'), 'utf8')).toMatch(/^License\s*:/m);
    }
  });

  const full = existsSync(SHARED_DATA) && LINE_FILES.every((f) => existsSync(join(SHARED_DATA, f))) && existsSync(FULL_OPENAPI_FILE);
  it.skipIf(!full)(`are the full sets' items, unchanged${full ? '' : ` (skipped: the data sets in ${SHARED_DATA} are absent or incomplete)`}`, () => {
    for (const file of LINE_FILES) {
      const whole = new Set(lines(join(SHARED_DATA, file)));
      const kept = lines(join(EXTRACT_DATA, file));
      expect(kept.length, file).toBeGreaterThan(0);
      for (const line of kept) expect(whole.has(line), `${file}: ${line.slice(0, 60)}…`).toBe(true);
    }
    expect(replySchemaClosure(OPENAPI_FILE)).toEqual(replySchemaClosure(FULL_OPENAPI_FILE));
  });
});
