import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CLI } from '../helpers/cli.js';

/**
 * Programs the local runner puts first on PATH: `agentdevel` (the built CLI, as the workflow's
 * install step would provide it) and `gh`, a stand-in for GitHub's API that records every call
 * (arguments, and the body file of a pull request) in `<dir>/gh.log` as JSON lines and keeps
 * the one pull request it "created" in `<dir>/pr.json`.
 */
export async function writeShims(dir: string): Promise<{ bin: string; ghLog: string }> {
  const bin = join(dir, 'bin');
  await mkdir(bin, { recursive: true });
  const ghLog = join(dir, 'gh.log');
  await writeFile(join(bin, 'agentdevel'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  await writeFile(
    join(bin, 'gh'),
    `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
const state = ${JSON.stringify(join(dir, 'pr.json'))};
const entry = { args, env: { GH_TOKEN: process.env.GH_TOKEN ? 'set' : 'unset' } };
const bodyAt = args.indexOf('--body-file');
if (bodyAt >= 0) entry.body = fs.readFileSync(args[bodyAt + 1], 'utf8');
fs.appendFileSync(${JSON.stringify(ghLog)}, JSON.stringify(entry) + '\\n');
const [group, verb] = args;
if (group === 'pr' && verb === 'list') { if (fs.existsSync(state)) process.stdout.write(JSON.parse(fs.readFileSync(state, 'utf8')).number + '\\n'); }
else if (group === 'pr' && verb === 'create') { fs.writeFileSync(state, JSON.stringify({ number: 7 })); process.stdout.write('https://github.com/octo/project/pull/7\\n'); }
else if (group === 'pr' && verb === 'edit') { if (!fs.existsSync(state)) { process.stderr.write('no pull request\\n'); process.exit(1); } }
else if (!(group === 'workflow' && verb === 'run')) { process.stderr.write('gh stand-in: unexpected ' + args.join(' ') + '\\n'); process.exit(2); }
`,
  );
  await chmod(join(bin, 'agentdevel'), 0o755);
  await chmod(join(bin, 'gh'), 0o755);
  return { bin, ghLog };
}
