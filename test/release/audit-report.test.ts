import { execa } from 'execa';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import { renderAuditReport } from '../../src/release/index.js';
import { writeIterationReport } from '../../src/release/loop/report-step.js';
import { readIteration } from '../../src/store/index.js';
import { CLI, runCli } from '../helpers/cli.js';
import { git } from '../synthesis/git-fixture.js';
import { ledgerOf, loopProject } from './loop-fixture.js';

describe('the audit report', () => {
  it('is one document whether promote renders it or the release loop writes it, and the loop commits exactly that file', async () => {
    const { root } = await loopProject({ examples: 12 });
    // Stopped once gated, before its report: the same iteration for both paths.
    const killed = await execa(process.execPath, [CLI, 'release', '--agent', 'qa', '--iterations', '1', '--quiet'], { cwd: root, reject: false, env: { AGENTDEVEL_KILL_AT: 'after-gate@1' } });
    expect(killed.signal, `${killed.stdout}\n${killed.stderr}`).toBe('SIGKILL');
    const project = await loadProject({ cwd: root });
    const state = await readIteration(project.storeDir, 'qa', 1);
    const now = new Date('2026-03-04T05:06:07.000Z');

    const rendered = await renderAuditReport(project, state, [], now);
    const written = await writeIterationReport(project, state, [], now);
    expect(written.markdown).toBe(rendered.markdown);
    expect(await readFile(written.files.md, 'utf8')).toBe(rendered.markdown);
    expect(JSON.parse(await readFile(written.files.json, 'utf8'))).toEqual(JSON.parse(JSON.stringify(rendered.report)));
    // The agent's model use, summed from both runs' records, is a row of it.
    expect(rendered.report.usage.map((u) => u.role)).toEqual(['agent', 'critic', 'engineer']);
    expect(rendered.report.usage[0]!.calls).toBeGreaterThan(0);

    // `agentdevel report` builds that same document; only the time and its note on the ledger (none on the line yet) differ.
    const printed = await runCli(['report', '--agent', 'qa', '--iteration', '1', '--format', 'json'], { cwd: root });
    expect(printed.exitCode, printed.stderr).toBe(0);
    const doc = JSON.parse(printed.stdout) as Record<string, unknown>;
    expect(doc.missing).toEqual([{ file: 'releases/qa/ledger.jsonl', meaning: 'nothing recorded on agentdevel/qa yet: the charts show this iteration only' }]);
    expect({ ...doc, generatedAt: null, missing: [] }).toEqual({ ...JSON.parse(JSON.stringify(rendered.report)), generatedAt: null, missing: [] });

    // The release goes on from its report stage and commits that very file next to the ledger line.
    const finished = await runCli(['release', '--agent', 'qa', '--iterations', '1'], { cwd: root, timeout: 120_000 });
    expect(finished.exitCode, finished.stderr).toBe(0);
    const [entry] = await ledgerOf(root);
    expect(await git(root, 'show', `agentdevel/qa:${entry!.report as string}`)).toBe(rendered.markdown.replace(/\n$/, ''));
  }, 180_000);
});
