/**
 * Child process of `npm run bench:run`: serves the simulated world for the bench's generated
 * suite on loopback, in a process of its own so that neither its CPU nor its memory is counted
 * against the run being measured. Prints `{"url": ...}` once listening; exits when stdin closes.
 */
import { loadProject } from '../src/config/index.js';
import { startSimServer, type FaultKind } from '../src/llm/sim/index.js';
import { createWorld } from '../src/llm/sim/world/index.js';
import { loadSuite } from '../src/suite/index.js';

const [root = '.', latency = '50', faultRate = '0', faults = '429,500'] = process.argv.slice(2);
const project = await loadProject({ cwd: root });
const suite = await loadSuite(project, 'bench');
const server = await startSimServer({
  responder: createWorld({ config: project.config.sim, suites: [{ name: suite.name, sim: suite.config.sim, examples: suite.examples }] }),
  latencyMs: Number(latency),
  faultRate: Number(faultRate),
  faults: faults.split(',') as FaultKind[],
  retryAfterMs: 50,
  seed: 11,
});
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  process.stdout.write(`${JSON.stringify({ stats: server.stats() })}\n`);
  void server.close().then(() => process.exit(0));
});
