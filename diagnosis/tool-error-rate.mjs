#!/usr/bin/env node
// A diagnosis script (agentdevel.yaml: diagnosis.scripts): how often each tool's calls end in
// an error, and how many of its calls are in failing records.
//
// agentdevel writes the dev records and their critiques on stdin as one JSON document,
//   {"schemaVersion":1,"agent":…,"iteration":…,"records":[
//   {record},
//   …
//   ],"critiques":[
//   {critique},
//   …
//   ]}
// one record or critique per line, so a script can read it line by line however large it is
// (as this one does), or JSON.parse the whole of it. It prints one JSON value on stdout, which
// agentdevel records in diagnosis.json (with this file's sha256 and the exit status) and shows
// in spec.md. Plain Node, no dependencies.
import { createInterface } from 'node:readline';

const tools = new Map();
const toolStats = (name) => {
  let stats = tools.get(name);
  if (!stats) tools.set(name, (stats = { calls: 0, errors: 0, inFailingRecords: 0 }));
  return stats;
};

let section = 'header';
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (line.endsWith('"records":[')) section = 'records';
  else if (line.startsWith('],"critiques":[')) section = 'critiques';
  else if (section === 'records' && line.startsWith('{')) countRecord(JSON.parse(line.replace(/,$/, '')));
}

function countRecord(record) {
  const calledAt = new Map(); // step -> tool names called at it
  for (const event of record.trace) {
    if (event.type !== 'tool_call') continue;
    const stats = toolStats(event.name);
    stats.calls += 1;
    if (record.status === 'fail') stats.inFailingRecords += 1;
    calledAt.set(event.step, [...(calledAt.get(event.step) ?? []), event.name]);
  }
  for (const event of record.trace) {
    if (event.type !== 'error') continue;
    // The loop's tool errors name the tool: "tool X failed: …", "invalid JSON arguments for X", "unknown tool X".
    for (const name of new Set(calledAt.get(event.step) ?? [])) {
      if (event.message.includes(name)) toolStats(name).errors += 1;
    }
  }
}

const rate = (part, whole) => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000);
const result = [...tools]
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([tool, s]) => ({ tool, calls: s.calls, errors: s.errors, errorRate: rate(s.errors, s.calls), inFailingRecords: s.inFailingRecords, failingShare: rate(s.inFailingRecords, s.calls) }));
process.stdout.write(`${JSON.stringify({ script: 'tool-error-rate', version: 1, tools: result })}\n`);
