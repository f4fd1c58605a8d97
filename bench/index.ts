import { benchAckLatency } from './ack-latency.js';
import { benchLeaveSubmit } from './leave-submit.js';
import { benchSwapEligibility } from './swap-eligibility.js';
import { benchReportReminders } from './report-reminders.js';
import { benchHomeInbox } from './home-inbox.js';
import { benchAttendanceSheet } from './attendance-sheet.js';
import { benchDepartment, benchScaleGrowth } from './scale/index.js';

/**
 * `npm run bench`: every benchmark, each printing figures measured side by side in one run;
 * `npm run bench -- home` runs only those whose name contains one of the words given; the scale growth
 * table runs only so (`npm run bench -- scale`).
 */
const benchmarks: [string, () => Promise<void>, { optIn?: true }?][] = [
  ['ack latency', benchAckLatency],
  ['leave submissions', benchLeaveSubmit],
  ['swap eligibility', benchSwapEligibility],
  ['report reminders', benchReportReminders],
  ['Home inbox', benchHomeInbox],
  ['HR attendance sheet', benchAttendanceSheet],
  ['department of 10,000 agents × 365 days', benchDepartment],
  // minutes of importing and starting three departments: only when asked for by name
  ['scale growth table', benchScaleGrowth, { optIn: true }],
];

const picked = process.argv.slice(2).map((w) => w.toLowerCase());
for (const [name, run, options] of benchmarks) {
  const named = picked.some((w) => name.toLowerCase().includes(w));
  if (picked.length > 0 ? !named : options?.optIn) continue;
  console.log(`\n== ${name}`);
  await run();
}
