// The demo shop in a process of its own, so that what a benchmark measures in its own
// process (CPU, memory, the event loop) is the monitor's and not the target's. Prints
// `{"url": …}` once listening; exits when its parent closes stdin or sends SIGTERM.
// `--latency-ms N` makes every request wait N ms first, like an endpoint across a network.
import { parseArgs } from 'node:util';
import { startShop } from '../../src/demo/shop.ts';

const { values } = parseArgs({ options: { 'latency-ms': { type: 'string', default: '0' } } });
const shop = await startShop({ port: 0, host: '127.0.0.1', latencyMs: Number(values['latency-ms']) });
process.stdout.write(`${JSON.stringify({ url: shop.url })}\n`);

let closing = false;
const close = () => {
  if (closing) return;
  closing = true;
  void shop.close().finally(() => process.exit(0));
};
process.stdin.on('end', close);
process.stdin.on('close', close);
process.stdin.resume();
process.on('SIGTERM', close);
process.on('SIGINT', close);
