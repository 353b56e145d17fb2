// Reads the whole input as JSON and reports what it got.
let text = '';
for await (const chunk of process.stdin) text += chunk;
const input = JSON.parse(text);
const splits = [...new Set(input.records.map((r) => r.split))].sort();
process.stderr.write('counted\n');
process.stdout.write(JSON.stringify({ zeta: 1, records: input.records.length, critiques: input.critiques.length, splits, agent: input.agent, iteration: input.iteration, schemaVersion: input.schemaVersion, alpha: { b: 2, a: 1 } }));
