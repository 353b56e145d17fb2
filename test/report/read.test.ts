import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentdevelError } from '../../src/core/errors.js';
import { buildReport, parseLedgerText, readIterationFolder, readSymptomHistory, renderJson, reportInput, type Missing } from '../../src/report/index.js';
import { writeTree } from '../helpers/tmp.js';
import { gatePolicySchema } from '../../src/config/index.js';
import { decide } from '../../src/gate/index.js';
import { CRITIQUES, diagnosis, folderFiles, fullSources, gateResult, json, LEDGER, runOutcomes } from './fixtures.js';

async function refusal(promise: Promise<unknown>): Promise<AgentdevelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AgentdevelError);
  return error as AgentdevelError;
}

describe('reading an iteration folder', () => {
  it('reads every file into the same report as the documents in memory', async () => {
    const dir = await writeTree(folderFiles());
    const folder = await readIterationFolder(dir);
    expect(folder.missing).toEqual([]);
    const src = fullSources();
    const fromFiles = buildReport(reportInput({ ...src, ...folder }));
    expect(renderJson(fromFiles)).toBe(renderJson(buildReport(reportInput(src))));
  });

  it("accepts the gate's own gate.json (decide on the fixture runs) and lists every example from it", async () => {
    const { baseline, candidate } = runOutcomes();
    const decided = decide({ policy: { ...gatePolicySchema.parse({}), name: 'default' }, baseline, candidate });
    const folder = await readIterationFolder(await writeTree({ ...folderFiles(), 'gate.json': json(decided) }));
    const r = buildReport(reportInput({ ...fullSources(), ...folder }));
    expect(r.decision).toBe(decided.decision);
    expect(r.examples).toHaveLength(baseline.examples.size);
    expect(r.flips.map((f) => f.key).sort()).toEqual(decided.flips.map((f) => f.key).sort());
  });

  it('lists each absent file with what it means, and reads the rest', async () => {
    const { ['gate.json']: _gate, ['rc.patch']: _patch, ['intent.json']: _intent, ...rest } = folderFiles();
    const folder = await readIterationFolder(await writeTree(rest));
    expect(folder.missing.map((m) => m.file)).toEqual(['gate.json', 'intent.json', 'rc.patch']);
    expect(folder.missing[0]!.meaning).toMatch(/^no gate result/);
    expect(folder.gate).toBeNull();
    expect(folder.diagnosis).not.toBeNull();
    const empty = await readIterationFolder(await writeTree({}));
    expect(empty.missing).toHaveLength(7);
  });

  it('refuses a malformed file with EREPORT_INPUT naming the file and the field', async () => {
    const files = folderFiles();
    const badGate = await writeTree({ ...files, 'gate.json': json({ ...gateResult(), decision: 'maybe' }) });
    const gate = await refusal(readIterationFolder(badGate));
    expect(gate.code).toBe('EREPORT_INPUT');
    expect(gate.message).toBe(`${join(badGate, 'gate.json')}: decision: Invalid option: expected one of "accept"|"reject"|"inconclusive"`);

    const notJson = await writeTree({ ...files, 'diagnosis.json': '{"schemaVersion": 1,' });
    expect((await refusal(readIterationFolder(notJson))).message).toMatch(/diagnosis\.json: not valid JSON/);

    const lines = files['critique.jsonl']!.split('\n');
    lines[1] = JSON.stringify({ ...CRITIQUES[1], symptoms: [{ description: 'no label' }] });
    const badCritique = await writeTree({ ...files, 'critique.jsonl': lines.join('\n') });
    const critique = await refusal(readIterationFolder(badCritique));
    expect(critique.code).toBe('EREPORT_INPUT');
    expect(critique.message).toContain(`${join(badCritique, 'critique.jsonl')}:2: symptoms.0.label:`);
  });

  it('reads a ledger file line by line, refusing a bad line with ELEDGER and its number', () => {
    const text = LEDGER.map((e) => JSON.stringify(e)).join('\n') + '\n';
    expect(parseLedgerText(text, 'ledger.jsonl').map((e) => e.iteration)).toEqual([1, 2, 3]);
    const bad = text.replace('"decision":"reject"', '"decision":"maybe"');
    expect(() => parseLedgerText(bad, 'ledger.jsonl')).toThrow(/^ledger\.jsonl:2: decision: /);
    expect(() => parseLedgerText(`${text}{oops\n`, 'ledger.jsonl')).toThrow(/^ledger\.jsonl:4: not valid JSON/);
  });

  it("reads earlier iterations' symptom counts from their diagnosis.json, noting those it lacks", async () => {
    const root = await writeTree({ '1/diagnosis.json': json(diagnosis()) });
    const missing: Missing = [];
    const history = await readSymptomHistory((n) => join(root, String(n)), [1, 2, 3], missing);
    expect([...history]).toEqual([[1, { 'wrong-tool': 4, looping: 1, 'hallucinated-fact': 1 }]]);
    expect(missing).toEqual([{ file: 'diagnosis.json of iterations 2, 3', meaning: 'not in this store: the symptoms chart has no bar for them' }]);
  });
});
