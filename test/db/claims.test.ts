import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimSheetSend, markSheetSent } from '../../src/db/queries/attendance-sends.js';
import { releaseClaimsOf } from '../../src/db/queries/claims.js';
import { claimDigest, markDigestSent } from '../../src/db/queries/daily-digest.js';
import { claimJobRun, finishJobRun } from '../../src/db/queries/job-runs.js';
import { dueSubmissionIds, insertSubmissions } from '../../src/db/queries/outbox.js';
import { claimReportRun, finishReportRun } from '../../src/db/queries/report.js';
import {
  absenceNotices,
  attendanceSheetSends,
  compTimeProposals,
  dailyDigestNotices,
  jobRuns,
  reportRuns,
  submissions,
} from '../../src/db/schema.js';
import type { LocalDate } from '../../src/policy/time.js';
import { aPerson, insertPeople } from '../fixtures/org.js';
import { shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';

const day = (text: string) => text as LocalDate;
const stopping = 'copy-stopping';
const other = 'copy-running';
const at = new Date('2026-12-01T02:00:00Z');
const lease = new Date('2026-12-01T01:55:00Z');
const later = new Date('2026-12-01T02:01:00Z');
let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase({ policy: shippedPolicy() });
  await insertPeople(
    testDb.database.db,
    ['U0A', 'U0B', 'U0C'].map((slackId) => aPerson({ slackId })),
  );
});
afterAll(async () => {
  await testDb?.drop();
});

describe('letting go of the claims of a copy that stops', () => {
  it("lets go of the copy's unfinished claims of every kind, and keeps its finished ones and another copy's", async () => {
    const db = testDb.database.db;
    // job minutes: one unfinished, one finished, one of the other copy
    await claimJobRun(db, { job: 'digest.daily', slot: '2026-12-01T02:00Z', claimedBy: stopping, at });
    await claimJobRun(db, { job: 'leave.remind', slot: '2026-12-01T02:00Z', claimedBy: stopping, at });
    await finishJobRun(db, { job: 'leave.remind', slot: '2026-12-01T02:00Z', at });
    await claimJobRun(db, { job: 'swap.expire', slot: '2026-12-01T02:00Z', claimedBy: other, at });
    // weekly runs
    const run = { kind: 'reminder.1', scope: 'phone', weekStart: day('2026-11-30') } as const;
    const done = { kind: 'digest', scope: 'phone', weekStart: day('2026-11-30') } as const;
    expect(await claimReportRun(db, { ...run, claimedBy: stopping, at, staleBefore: lease })).toBe(true);
    expect(await claimReportRun(db, { ...done, claimedBy: stopping, at, staleBefore: lease })).toBe(true);
    await finishReportRun(db, { ...done, at });
    // daily digests and attendance sends
    await claimDigest(db, { personId: 'U0A', day: day('2026-12-01'), teamId: 'phone', claimedBy: stopping, at, staleBefore: lease });
    await claimDigest(db, { personId: 'U0B', day: day('2026-12-01'), teamId: 'phone', claimedBy: stopping, at, staleBefore: lease });
    await markDigestSent(db, { personId: 'U0B', day: day('2026-12-01'), at });
    await claimDigest(db, { personId: 'U0C', day: day('2026-12-01'), teamId: 'phone', claimedBy: other, at, staleBefore: lease });
    await claimSheetSend(db, { month: '2026-11', recipientId: 'U0A', kind: 'sheet', claimedBy: stopping, at, staleBefore: lease });
    await claimSheetSend(db, { month: '2026-11', recipientId: 'U0B', kind: 'sheet', claimedBy: stopping, at, staleBefore: lease });
    await markSheetSent(db, { month: '2026-11', recipientId: 'U0B', kind: 'sheet', at });
    // submissions being written
    const mine = await insertSubmissions(db, [{ kind: 'leave', userId: 'U0A', submissionKey: 'U0A:V1', payload: {} }], {
      at,
      claimedBy: stopping,
      claimedUntil: new Date(at.getTime() + 120_000),
    });
    await insertSubmissions(db, [{ kind: 'leave', userId: 'U0C', submissionKey: 'U0C:V1', payload: {} }], {
      at,
      claimedBy: other,
      claimedUntil: new Date(at.getTime() + 120_000),
    });
    expect(await dueSubmissionIds(db, later, 10)).toEqual([]);

    expect(await releaseClaimsOf(db, stopping)).toEqual({
      jobRuns: 1,
      reportRuns: 1,
      dailyDigests: 1,
      sheetSends: 1,
      absenceNotices: 0,
      compTimeCards: 0,
      submissions: 1,
    });

    expect((await db.select().from(jobRuns)).map((r) => [r.job, r.claimedBy]).sort()).toEqual([
      ['leave.remind', stopping],
      ['swap.expire', other],
    ]);
    // the weekly run is taken over at once by whoever claims it next, and its finished neighbour is not
    expect(await claimReportRun(db, { ...run, claimedBy: other, at: later, staleBefore: new Date(later.getTime() - 15 * 60_000) })).toBe(
      true,
    );
    expect(await claimReportRun(db, { ...done, claimedBy: other, at: later, staleBefore: later })).toBe(false);
    expect((await db.select().from(reportRuns)).length).toBe(2);
    expect((await db.select().from(dailyDigestNotices)).map((r) => [r.personId, r.claimedBy]).sort()).toEqual([
      ['U0B', stopping],
      ['U0C', other],
    ]);
    expect((await db.select().from(attendanceSheetSends)).map((r) => r.recipientId)).toEqual(['U0B']);
    // the submission is due again at once, with its attempts kept; the other copy's stays claimed
    expect(await dueSubmissionIds(db, later, 10)).toEqual([mine.get('U0A:V1')?.id]);
    const rows = await db.select().from(submissions);
    expect(rows.find((r) => r.userId === 'U0A')).toMatchObject({ claimedBy: null, claimedUntil: null, status: 'pending' });
    expect(rows.find((r) => r.userId === 'U0C')).toMatchObject({ claimedBy: other });
  });

  it('changes nothing for a copy that holds no claim', async () => {
    expect(await releaseClaimsOf(testDb.database.db, 'copy-never-ran')).toEqual({
      jobRuns: 0,
      reportRuns: 0,
      dailyDigests: 0,
      sheetSends: 0,
      absenceNotices: 0,
      compTimeCards: 0,
      submissions: 0,
    });
  });

  it("lets go of the copy's unsent absence notices and comp-time cards, and keeps the sent ones and another copy's", async () => {
    const db = testDb.database.db;
    const notice = { personId: 'U0A', kind: 'month', period: '2026-11', days: [] as string[] };
    await db.insert(absenceNotices).values([
      { ...notice, recipientId: 'U0B', claimedBy: stopping, claimedAt: at },
      { ...notice, recipientId: 'U0C', claimedBy: stopping, claimedAt: at, sentAt: at },
      { ...notice, personId: 'U0B', recipientId: 'U0C', claimedBy: other, claimedAt: at },
    ]);
    const proposal = { month: '2026-11', hours: 4, managerId: 'U0C' };
    await db.insert(compTimeProposals).values([
      { ...proposal, personId: 'U0A', cardClaimedBy: stopping, cardClaimedAt: at },
      { ...proposal, personId: 'U0B', cardClaimedBy: stopping, cardClaimedAt: at, cardChannel: 'D1', cardTs: '1.1' },
      { ...proposal, personId: 'U0C', cardClaimedBy: other, cardClaimedAt: at },
    ]);

    expect(await releaseClaimsOf(db, stopping)).toMatchObject({ absenceNotices: 1, compTimeCards: 1 });

    expect((await db.select().from(absenceNotices)).map((r) => [r.personId, r.recipientId, r.claimedBy]).sort()).toEqual([
      ['U0A', 'U0B', null],
      ['U0A', 'U0C', stopping],
      ['U0B', 'U0C', other],
    ]);
    expect((await db.select().from(compTimeProposals)).map((r) => [r.personId, r.cardClaimedBy]).sort()).toEqual([
      ['U0A', null],
      ['U0B', stopping],
      ['U0C', other],
    ]);
  });
});
