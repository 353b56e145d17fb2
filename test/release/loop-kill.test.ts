import { describe, it } from 'vitest';
import { killAndRerun } from './loop-kill-fixture.js';

describe('a release killed with SIGKILL during an iteration and rerun', () => {
  it('resumes each stage where it stopped: every iteration recorded once, the evidence of an uninterrupted release', async () => {
    await killAndRerun(
      [
        'baseline-run@1:5', // during the baseline run: 5 records journaled
        'after-synthesize@1', // the RC committed on its branch, not yet run
        'gate-reruns@1:2', // during the confirmation reruns
      ],
      1,
    );
  }, 300_000);
});
