import { benchAckLatency } from './ack-latency.js';

/** `npm run bench`: every benchmark, each printing figures measured side by side in one run. */
const benchmarks: [string, () => Promise<void>][] = [['ack latency', benchAckLatency]];

for (const [name, run] of benchmarks) {
  console.log(`\n== ${name}`);
  await run();
}
