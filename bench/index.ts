import { benchAckLatency } from './ack-latency.js';
import { benchLeaveSubmit } from './leave-submit.js';
import { benchSwapEligibility } from './swap-eligibility.js';
import { benchReportReminders } from './report-reminders.js';
import { benchHomeInbox } from './home-inbox.js';

/** `npm run bench`: every benchmark, each printing figures measured side by side in one run. */
const benchmarks: [string, () => Promise<void>][] = [
  ['ack latency', benchAckLatency],
  ['leave submissions', benchLeaveSubmit],
  ['swap eligibility', benchSwapEligibility],
  ['report reminders', benchReportReminders],
  ['Home inbox', benchHomeInbox],
];

for (const [name, run] of benchmarks) {
  console.log(`\n== ${name}`);
  await run();
}
