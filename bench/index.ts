import { benchAckLatency } from './ack-latency.js';
import { benchLeaveSubmit } from './leave-submit.js';
import { benchSwapEligibility } from './swap-eligibility.js';
import { benchReportReminders } from './report-reminders.js';
import { benchHomeInbox } from './home-inbox.js';
import { benchAttendanceSheet } from './attendance-sheet.js';
import { benchScale } from './scale/index.js';

/**
 * `npm run bench`: every benchmark, each printing figures measured side by side in one run;
 * `npm run bench -- home` runs only those whose name contains one of the words given.
 */
const benchmarks: [string, () => Promise<void>][] = [
  ['ack latency', benchAckLatency],
  ['leave submissions', benchLeaveSubmit],
  ['swap eligibility', benchSwapEligibility],
  ['report reminders', benchReportReminders],
  ['Home inbox', benchHomeInbox],
  ['HR attendance sheet', benchAttendanceSheet],
  ['scale: departments of 1,000, 5,000 and 10,000 agents × 365 days, and the growth table', benchScale],
];

const picked = process.argv.slice(2).map((w) => w.toLowerCase());
for (const [name, run] of benchmarks) {
  if (picked.length > 0 && !picked.some((w) => name.toLowerCase().includes(w))) continue;
  console.log(`\n== ${name}`);
  await run();
}
