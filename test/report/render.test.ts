import { afterEach, describe, expect, it } from 'vitest';
import { clearSecrets, registerSecret } from '../../src/core/secrets.js';
import { renderReport, reportFormats } from '../../src/report/index.js';
import { fullSources } from './fixtures.js';
import { report } from './helpers.js';

afterEach(() => clearSecrets());

describe('renderReport', () => {
  it('masks every registered secret in every format', () => {
    const secret = 'sk-live-0123456789abcdef';
    registerSecret(secret);
    const intent = { ...fullSources().intent!, summary: `Use the key ${secret} when calling.` };
    const r = report({ intent, critiques: [{ suite: 'desk', exampleId: 'broken-1', status: 'fail', symptoms: [{ label: `leak-${secret}` }] }] });
    for (const format of reportFormats) {
      const text = renderReport(r, format);
      expect(text, format).not.toContain(secret);
      expect(text, format).toContain('***');
    }
  });
});
