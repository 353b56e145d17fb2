import { describe, it } from 'vitest';
import { killAndRerun } from './loop-kill-fixture.js';

describe('a release killed with SIGKILL inside promotion and rerun', () => {
  it('leaves the old version or the new one, never half, and the rerun completes it exactly once', async () => {
    await killAndRerun(
      [
        'before-branch-move@1', // the record commit made, the branch not moved: the old version
        'after-branch-move@1', // the branch moved, the tag not made: the rerun makes it
        'candidate-run@2:3', // the next iteration's RC run
        'after-tag@2', // promoted and tagged, the store not told yet
      ],
      2,
    );
  }, 300_000);
});
