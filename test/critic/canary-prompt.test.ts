import { describe, expect, test } from 'vitest';
import { canaryRun, promptBlueprint } from './canary.js';

describe('the canary: no blueprint text reaches the critic', () => {
  test('prompt agent: the canary in agent.yaml and every prompt file reaches the agent model, never the critic', async () => {
    const { canary, proxy, critic, sentToAgent, critique, critiqueText } = await canaryRun(promptBlueprint);
    expect(sentToAgent).toBeGreaterThan(30);
    // Capacity and context discovery (GET /props, /v1/models) carry no prompt; every model request does.
    const agentRequests = proxy.received.filter((r) => r.route === 'agent' && r.method === 'POST');
    expect(agentRequests.length).toBeGreaterThan(30);
    expect(agentRequests.every((r) => r.body.includes(canary))).toBe(true);
    expect(critique.summary.critiqued).toBeGreaterThan(15);
    expect(critique.summary.byStatus.fail).toBeGreaterThan(0);
    expect(critic.length).toBeGreaterThanOrEqual(critique.summary.critiqued);
    expect(critic.filter((r) => r.body.includes(canary))).toEqual([]);
    expect(critiqueText).not.toContain(canary);
  });
});
