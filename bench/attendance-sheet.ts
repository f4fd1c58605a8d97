/**
 * The HR sheet of a month for 2,000 agents on a 4-on-2-off day-shift rotation, every shift clocked
 * (a few late, a few gone early, a few forgotten clock-outs, one in fifty not clocked at all), through
 * the same use case `npm run export -- attendance` runs: time to read, count and write the file, and
 * the peak memory of the process while it does.
 */
import { upsertClockIns } from '../src/db/queries/clock-ins.js';
import type { ClockRow } from '../src/policy/attendance/clock-rows.js';
import { shiftInterval, type LocalDate } from '../src/policy/time.js';
import { attendanceSheetFile, buildAttendanceSheet } from '../src/use-cases/attendance-sheet.js';
import { shippedPolicy } from '../test/harness/test-app.js';
import { createTestDatabase } from '../test/harness/test-database.js';
import { seedDepartment } from './department.js';

const agents = 2000;
const month = { first: '2026-11-01' as LocalDate, last: '2026-11-30' as LocalDate };
const minute = 60_000;

export async function benchAttendanceSheet(): Promise<void> {
  const policy = shippedPolicy();
  const testDb = await createTestDatabase({ policy });
  const db = testDb.database.db;
  try {
    await seedDepartment(db, { agents, days: 30, firstDay: month.first });
    const R = policy.shifts.R as { start: string; end: string };
    const clocks: ClockRow[] = [];
    const agentIds = Array.from({ length: agents }, (_, i) => `U0BAGENT${String(i).padStart(5, '0')}`);
    agentIds.forEach((personId, a) => {
      for (let d = 0; d < 30; d++) {
        if ((d + a) % 6 >= 4 || (a * 31 + d) % 50 === 0) continue;
        const date = `2026-11-${String(d + 1).padStart(2, '0')}` as LocalDate;
        const { start, end } = shiftInterval(date, R, 'Asia/Shanghai');
        const late = (a + d) % 17 === 0 ? 12 : -5;
        const early = (a + d) % 23 === 0 ? 40 : -3;
        clocks.push({
          personId,
          date,
          shiftCode: 'R',
          clockedIn: new Date(start.getTime() + late * minute),
          clockedOut: (a + d) % 29 === 0 ? null : new Date(end.getTime() - early * minute),
        });
      }
    });
    await upsertClockIns(db, clocks);

    let peakHeap = process.memoryUsage().heapUsed;
    const heapBefore = peakHeap;
    const sampler = setInterval(() => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }, 5);
    const started = performance.now();
    const sheet = await buildAttendanceSheet(db, policy, month, new Date('2026-12-01T00:00:00Z'));
    const file = attendanceSheetFile(sheet, policy);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);

    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
    console.log(`HR sheet of ${month.first.slice(0, 7)}: ${agents} agents, ${clocks.length} clock-ins, database ${testDb.target.kind}`);
    console.log(
      `rows ${sheet.rows.length}   file ${(Buffer.byteLength(file) / 1024).toFixed(0)} KiB   time ${seconds.toFixed(2)} s   (goal < 5 s)`,
    );
    console.log(
      `heap peak ${mb(peakHeap)} MiB (${mb(peakHeap - heapBefore)} MiB above the start)   process peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
    );
  } finally {
    await testDb.drop();
  }
}
