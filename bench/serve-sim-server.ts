/**
 * Child process of `npm run bench:serve`: the GPU-shaped simulated server playing the bench's
 * workload, in a process of its own so that its timers do not wait behind the client's work.
 * Prints `{"url": ...}` once listening; exits when stdin closes.
 */
import { startSimServer } from '../src/llm/sim/index.js';
import { workloadResponder } from './serve-workload.js';

const [slots = '16', prefill = '2', decode = '0.2'] = process.argv.slice(2);
const server = await startSimServer({
  responder: workloadResponder(),
  gpu: { slots: Number(slots), prefillMsPer1kTokens: Number(prefill), decodeMsPerToken: Number(decode), prefixCache: true },
});
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.stdin.resume();
process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
