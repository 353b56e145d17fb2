/**
 * Child process of `npm run bench:llm`: the simulated server (echo responder) at the given
 * latency, in a process of its own so that its CPU and memory are not counted against the
 * client being measured. Prints `{"url": ...}` once listening; on stdin's end prints
 * `{"stats": ...}` and exits.
 */
import { startSimServer } from '../src/llm/sim/index.js';

const latencyMs = Number(process.argv[2] ?? 50);
const server = await startSimServer({ latencyMs, seed: 1 });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  process.stdout.write(`${JSON.stringify({ stats: server.stats() })}\n`);
  void server.close().then(() => process.exit(0));
});
