import { describe, expect, test } from 'vitest';
import { canaryRun, commandBlueprint } from './canary.js';

describe('the canary: no blueprint text reaches the critic', () => {
  test('command agent: its logs, stderr, stray stdout and crash traces carry the canary into the records, and the critic still never sees it', async () => {
    const { canary, critic, recordText, critique, critiqueText } = await canaryRun(commandBlueprint);
    // The records hold it (in log events): the blind view is what keeps it out.
    expect(recordText).toContain(canary);
    expect(recordText).toContain(`throw new Error('chat is not supported'); // ${canary}`);
    expect(critique.summary.critiqued).toBeGreaterThan(15);
    expect(critique.summary.byStatus.fail).toBeGreaterThan(0);
    expect(critic.length).toBeGreaterThanOrEqual(critique.summary.critiqued);
    expect(critic.filter((r) => r.body.includes(canary))).toEqual([]);
    expect(critiqueText).not.toContain(canary);
  });
});
