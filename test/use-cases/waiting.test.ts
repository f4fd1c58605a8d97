import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  handoverMisses,
  handoverRecipients,
  handovers,
  leaveApprovalSteps,
  leaveCoveredShifts,
  leaveRequests,
  swapRequests,
  weeklyReports,
} from '../../src/db/schema.js';
import type { UseCaseDeps } from '../../src/use-cases/deps.js';
import { loadWaiting, peopleShowing, type WaitingItem } from '../../src/use-cases/waiting.js';
import { findPerson } from '../../src/db/queries/people.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import { useCaseDeps } from '../fixtures/deps.js';
import { shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';
import type { LocalDate } from '../../src/policy/time.js';

let testDb: TestDatabase;
let deps: UseCaseDeps;
const lead = 'U0LEAD';
const wang = 'U0WANG';
const li = 'U0LI';
const amy = 'U0AMY';
const content = {
  equipmentOk: true,
  equipmentIssue: '',
  staffing: '',
  process: '',
  instructions: '',
  feedback: '',
  notes: '',
  openCaseIds: [],
};
const ids: Record<string, number> = {};

beforeAll(async () => {
  const policy = shippedPolicy();
  testDb = await createTestDatabase({ policy });
  deps = useCaseDeps(testDb.database.db, policy, '2026-12-01T02:00:00Z'); // Tue 10:00 in Shanghai
  await insertPeople(deps.db, [
    aPerson({ slackId: 'U0MGR', role: 'manager' }),
    aPerson({ slackId: lead, name: 'Lead', role: 'lead', reportsTo: 'U0MGR' }),
    aPerson({ slackId: wang, name: '王芳', reportsTo: lead }),
    aPerson({ slackId: li, name: '李雷', reportsTo: lead }),
    aPerson({ slackId: amy, name: 'Amy', reportsTo: lead }),
  ]);
  await insertShifts(deps.db, [
    { personId: wang, date: '2026-11-30', shiftCode: 'R' },
    { personId: li, date: '2026-11-30', shiftCode: 'R' },
    { personId: amy, date: '2026-11-30', shiftCode: 'R' },
    { personId: wang, date: '2026-12-03', shiftCode: 'R' },
    { personId: amy, date: '2026-11-26', shiftCode: 'R' },
  ]);
  const [leave] = await deps.db
    .insert(leaveRequests)
    .values({
      submissionKey: 'k1',
      personId: wang,
      teamId: 'phone',
      type: 'personal',
      firstDay: '2026-12-03' as LocalDate,
      lastDay: '2026-12-03' as LocalDate,
      reason: '家事',
      calendarDays: 1,
      leaveDays: 1,
      hours: 11,
      noticeMinutes: 2000,
      lateNotice: false,
      proof: 'not_needed',
    })
    .returning();
  await deps.db.insert(leaveCoveredShifts).values({ requestId: leave!.id, date: '2026-12-03' as LocalDate, shiftCode: 'R' });
  const [step] = await deps.db
    .insert(leaveApprovalSteps)
    .values({
      requestId: leave!.id,
      position: 0,
      role: 'lead',
      approverId: lead,
      status: 'pending',
      pendingSince: new Date('2026-12-01T01:00:00Z'),
    })
    .returning();
  ids.leave = leave!.id;
  ids.step = step!.id;
  // sick leave approved in November, proof owed; Amy was back on 26 Nov at 08:30, so it was due 29 Nov
  const [sick] = await deps.db
    .insert(leaveRequests)
    .values({
      submissionKey: 'k2',
      personId: amy,
      teamId: 'phone',
      type: 'sick',
      firstDay: '2026-11-25' as LocalDate,
      lastDay: '2026-11-25' as LocalDate,
      reason: '发烧',
      status: 'approved',
      calendarDays: 1,
      leaveDays: 1,
      hours: 11,
      noticeMinutes: 60,
      lateNotice: false,
      proof: 'owed',
    })
    .returning();
  await deps.db
    .insert(leaveApprovalSteps)
    .values({ requestId: sick!.id, position: 0, role: 'lead', approverId: lead, status: 'approved', decidedBy: lead });
  ids.sick = sick!.id;
  const [swap] = await deps.db
    .insert(swapRequests)
    .values({
      submissionKey: 's1',
      teamId: 'phone',
      requesterId: wang,
      colleagueId: li,
      giveDate: '2026-12-03' as LocalDate,
      giveShift: 'R',
      deadline: new Date('2026-12-02T00:30:00Z'),
    })
    .returning();
  ids.swap = swap!.id;
  const [sent] = await deps.db
    .insert(handovers)
    .values({
      teamId: 'phone',
      shiftDate: '2026-11-30' as LocalDate,
      shiftCode: 'W',
      nextDate: '2026-12-01' as LocalDate,
      nextShiftCode: 'R',
      authorId: amy,
      content,
      takeOverDueAt: new Date('2026-12-01T00:45:00Z'),
    })
    .returning();
  await deps.db.insert(handoverRecipients).values({ handoverId: sent!.id, personId: li });
  ids.handover = sent!.id;
  const [later] = await deps.db
    .insert(handovers)
    .values({
      teamId: 'phone',
      shiftDate: '2026-12-01' as LocalDate,
      shiftCode: 'R',
      nextDate: '2026-12-01' as LocalDate,
      nextShiftCode: 'W',
      authorId: li,
      content,
      takeOverDueAt: new Date('2026-12-01T12:45:00Z'),
    })
    .returning();
  await deps.db.insert(handoverRecipients).values({ handoverId: later!.id, personId: wang });
  ids.later = later!.id;
  await deps.db.insert(handoverMisses).values([
    { teamId: 'phone', shiftDate: '2026-12-01' as LocalDate, shiftCode: 'C', personId: li, recordedAt: new Date('2026-12-01T01:00:00Z') },
    { teamId: 'phone', shiftDate: '2026-11-29' as LocalDate, shiftCode: 'C', personId: li, recordedAt: new Date('2026-11-29T01:00:00Z') },
  ]);
});

afterAll(async () => {
  await testDb?.drop();
});

const waitingFor = async (id: string, now?: string) => loadWaiting(deps, (await findPerson(deps.db, id))!, now ? new Date(now) : undefined);
const brief = (items: readonly WaitingItem[]) => items.map((i) => [i.kind, 'as' in i ? i.as : '', i.dueAt?.toISOString()]);

describe('who must act, by when', () => {
  it('the lead: the overdue proof, the handover nobody took over, the leave step by its escalation, the month’s missed handovers; soonest first', async () => {
    expect(brief(await waitingFor(lead))).toEqual([
      ['proof', 'approver', '2026-11-29T00:30:00.000Z'],
      ['handover', 'lead', '2026-12-01T00:45:00.000Z'],
      ['leave_step', '', '2026-12-01T09:00:00.000Z'], // pending since 01:00, passes up 8h later
      ['missed_handovers', '', undefined],
    ]);
    const missed = (await waitingFor(lead)).find((i) => i.kind === 'missed_handovers');
    expect(missed).toMatchObject({ month: '2026-12', people: [{ name: '李雷', count: 1 }] });
  });

  it('the colleague: the swap asked of them by its deadline, and the handover sent to them until its take-over time', async () => {
    expect(brief(await waitingFor(li, '2026-12-01T00:30:00Z'))).toEqual([
      ['handover', 'incoming', '2026-12-01T00:45:00.000Z'],
      ['swap', 'colleague', '2026-12-02T00:30:00.000Z'],
      ['report', '', '2026-12-05T09:00:00.000Z'],
    ]);
  });

  it('the agent: the week’s summary by Saturday 17:00 while not sent, and a handover to take over', async () => {
    expect(brief(await waitingFor(wang))).toEqual([
      ['handover', 'incoming', '2026-12-01T12:45:00.000Z'],
      ['report', '', '2026-12-05T09:00:00.000Z'],
    ]);
    await deps.db.insert(weeklyReports).values({
      personId: wang,
      teamId: 'phone',
      weekStart: '2026-11-30' as LocalDate,
      done: 'x',
      improve: 'y',
      late: false,
      submittedAt: new Date('2026-12-01T01:00:00Z'),
    });
    expect(brief(await waitingFor(wang)).map((i) => i[0])).toEqual(['handover']);
  });

  it('the owner of owed proof, once back: due three days after the first shift back', async () => {
    expect(brief(await waitingFor(amy, '2026-11-27T02:00:00Z'))).toEqual([
      ['report', '', '2026-11-28T09:00:00.000Z'],
      ['proof', 'owner', '2026-11-29T00:30:00.000Z'],
    ]);
  });

  it('the lead, after Saturday’s deadline: who is missing or late this week, by name', async () => {
    const items = await waitingFor(lead, '2026-12-05T10:00:00Z');
    const reports = items.find((i) => i.kind === 'team_reports');
    expect(reports).toMatchObject({ kind: 'team_reports', missing: ['Amy', '李雷'], late: [] });
  });

  it('names everyone whose Home shows an item', async () => {
    expect(new Set(await peopleShowing(deps, { kind: 'leave', id: ids.leave! }))).toEqual(new Set([wang, lead]));
    expect(new Set(await peopleShowing(deps, { kind: 'swap', id: ids.swap! }))).toEqual(new Set([wang, li]));
    expect(new Set(await peopleShowing(deps, { kind: 'handover', id: ids.handover! }))).toEqual(new Set([amy, li, lead]));
    expect(new Set(await peopleShowing(deps, { kind: 'report', personId: wang }))).toEqual(new Set([wang, lead]));
  });
});
