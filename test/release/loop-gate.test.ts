import { execa } from 'execa';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import type { GateResult } from '../../src/gate/index.js';
import { sampleRanges } from '../../src/release/loop/index.js';
import { readRunManifest, readRunRecords } from '../../src/run/index.js';
import { iterationFile } from '../../src/store/index.js';
import { CLI, runCli } from '../helpers/cli.js';
import { git } from '../synthesis/git-fixture.js';
import { ledgerOf, loopProject } from './loop-fixture.js';

interface GateJson {
  decision: string;
  exitCode: number;
  decided: boolean;
  confirmation: { rounds: Array<{ keys: string[]; sampleBase: number; runs: { baseline: string; candidate: string } }> } | null;
  simulated: boolean;
  gate: GateResult;
}

async function gateCli(root: string, args: string[]) {
  const result = await runCli(['gate', '--agent', 'qa', ...args], { cwd: root, timeout: 120_000 });
  if (args.includes('--json') && !result.stdout.startsWith('{')) throw new Error(`agentdevel gate ${args.join(' ')} printed no result (exit ${result.exitCode}):\n${result.stderr}`);
  return { ...result, json: args.includes('--json') ? (JSON.parse(result.stdout) as GateJson) : undefined };
}

async function sampleIndices(storeDir: string, runId: string): Promise<number[]> {
  const indices: number[] = [];
  for await (const record of readRunRecords(storeDir, runId)) indices.push(record.sampleIndex);
  return indices;
}

describe('the gate stage: confirmation reruns on both versions, flaky examples, agentdevel gate', () => {
  it('reruns every flip fresh on both versions, reports the flaky ones apart, keeps the memory in git, and gates from the CLI', async () => {
    const { root } = await loopProject({ examples: 24, sim: { flakyShare: 0.5 } });
    // A release stopped during the gate's confirmation reruns: the RC's run is there, the decision is not.
    const killed = await execa(process.execPath, [CLI, 'release', '--agent', 'qa', '--iterations', '1', '--quiet'], { cwd: root, reject: false, env: { AGENTDEVEL_KILL_AT: 'gate-reruns@1:1' } });
    expect(killed.signal, `${killed.stdout}\n${killed.stderr}`).toBe('SIGKILL');

    const first = await gateCli(root, ['--json']);
    const out = first.json!;
    expect(first.exitCode, first.stderr).toBe(out.gate.exitCode);
    expect(out).toMatchObject({ decided: true, simulated: true });
    expect(first.stderr).toContain(`gate of iteration 1 of qa (policy default): ${out.decision}`);

    // Sequential confirmation: round r reruns the flips still open once on both versions, at sample index base + r, fresh.
    const gate = out.gate;
    const { rounds } = out.confirmation!;
    expect(rounds.length).toBeGreaterThan(0);
    expect(rounds.length).toBeLessThanOrEqual(3);
    const flipKeys = gate.flips.map((f) => f.key);
    expect(flipKeys).toEqual(expect.arrayContaining(rounds[0]!.keys));
    rounds.forEach((round, r) => {
      expect(round.sampleBase).toBe(sampleRanges(1).confirmation + r);
      if (r > 0) expect(rounds[r - 1]!.keys).toEqual(expect.arrayContaining(round.keys));
    });
    const project = await loadProject({ cwd: root });
    const state = JSON.parse(await readFile(iterationFile(project.storeDir, 'qa', 1, 'iteration.json'), 'utf8')) as { baselineRunId: string };
    const main = new Set(await sampleIndices(project.storeDir, state.baselineRunId));
    for (const round of rounds) {
      for (const runId of [round.runs.baseline, round.runs.candidate]) {
        const manifest = await readRunManifest(project.storeDir, runId);
        expect(manifest).toMatchObject({ examples: round.keys, recordCount: round.keys.length });
        expect((await sampleIndices(project.storeDir, runId)).filter((i) => main.has(i))).toEqual([]);
      }
    }
    // A flip leaves the rounds at its first disagreeing sample: no flaky flip is rerun after the round that showed it.
    for (const flip of gate.flips.filter((f) => f.status === 'flaky' && f.flakySource === 'samples')) {
      const last = rounds.map((round) => round.keys.includes(flip.key)).lastIndexOf(true);
      expect(rounds.slice(last + 1).some((round) => round.keys.includes(flip.key)), flip.key).toBe(false);
    }
    const confirmation = rounds[0]!;
    // Flaky examples are measured: their samples disagree with themselves on a side, and they count neither way.
    expect(gate.flaky.length).toBeGreaterThan(0);
    for (const flip of gate.flips.filter((f) => f.status === 'flaky')) {
      const mixed = (s: { pass: number; fail: number }) => s.pass > 0 && s.fail > 0;
      expect(mixed(flip.baseline) || mixed(flip.candidate), flip.key).toBe(true);
    }
    expect(gate.counts.p2f + gate.counts.f2p + gate.counts.flaky + gate.counts.unconfirmed).toBe(gate.flips.filter((f) => f.split === 'dev').length + gate.flips.filter((f) => f.split === 'holdout' && f.status !== 'confirmed').length);
    expect(Object.keys(gate.flakyMemory.examples)).toEqual(expect.arrayContaining(gate.flips.filter((f) => f.flakySource === 'samples').map((f) => f.key)));

    // Gating again reads the decision back; another policy decides again (nothing is recorded yet).
    const again = await gateCli(root, []);
    expect(again.exitCode).toBe(out.gate.exitCode);
    expect(again.stdout).toContain('already gated');
    const lenient = await gateCli(root, ['--gate', 'lenient', '--json']);
    expect(lenient.json).toMatchObject({ decided: true, gate: { policy: { name: 'lenient', confirmRuns: 2 } } });

    // The release goes on from the gate and records its decision, with the flaky memory next to the ledger.
    const finished = await runCli(['release', '--agent', 'qa', '--iterations', '1'], { cwd: root, timeout: 120_000 });
    expect(finished.exitCode, finished.stderr).toBe(0);
    const [entry] = await ledgerOf(root);
    expect(entry).toMatchObject({ iteration: 1, decision: lenient.json!.decision, gate: { policy: 'lenient' } });
    const memory = JSON.parse(await git(root, 'show', 'agentdevel/qa:releases/qa/flaky.json')) as GateResult['flakyMemory'];
    expect(memory).toEqual(lenient.json!.gate.flakyMemory);

    // A recorded decision is never gated again under another policy; bad references are named.
    const refused = await gateCli(root, ['--gate', 'default', '--iteration', '1']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/EUSAGE iteration 1 of agent "qa" is already recorded/);
    const missing = await gateCli(root, ['--iteration', '9']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('ENOT_FOUND iteration 9 of agent "qa" does not exist');
    const noPolicy = await gateCli(root, ['--gate', 'nope']);
    expect(noPolicy.stderr).toContain('ENOT_FOUND gate policy "nope" not found');
    // Runs made elsewhere (a CI job) are adopted only where they fit the iteration.
    const noRun = await gateCli(root, ['--candidate', 'nope']);
    expect(noRun.stderr).toContain('ENOT_FOUND run nope: no manifest');
    const otherBaseline = await gateCli(root, ['--baseline', confirmation.runs.baseline]);
    expect(otherBaseline.exitCode).toBe(2);
    expect(otherBaseline.stderr).toContain(`EUSAGE iteration 1 of agent "qa" improves on run ${state.baselineRunId}, not on run ${confirmation.runs.baseline}`);
    const gatedAlready = await gateCli(root, ['--candidate', confirmation.runs.candidate]);
    expect(gatedAlready.stderr).toContain('was already gated on the candidate run');
  }, 300_000);
});
