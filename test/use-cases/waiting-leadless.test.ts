import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoverMisses, handovers, leaveApprovalSteps, leaveRequests, swapRequests } from '../../src/db/schema.js';
import { findPerson } from '../../src/db/queries/people.js';
import type { UseCaseDeps } from '../../src/use-cases/deps.js';
import { leadsOfTeam } from '../../src/use-cases/handover.js';
import { loadWaiting, peopleShowing, type WaitingItem } from '../../src/use-cases/waiting.js';
import { useCaseDeps } from '../fixtures/deps.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import { shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';
import type { LocalDate } from '../../src/policy/time.js';

// The phone team's lead has left (inactive) and nobody has taken over: the items the lead would act on
// go to whom the team's approvals pass up to, the manager; the online team's lead is still there.
let testDb: TestDatabase;
let deps: UseCaseDeps;
const manager = 'U0MGR';
const gone = 'U0GONE';
const wang = 'U0WANG';
const li = 'U0LI';
const amy = 'U0AMY';
const onlineLead = 'U0OLEAD';
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
    aPerson({ slackId: 'U0GM', role: 'gm' }),
    aPerson({ slackId: manager, name: 'Manager', role: 'manager', reportsTo: 'U0GM' }),
    aPerson({ slackId: gone, name: 'Gone', role: 'lead', reportsTo: manager, active: false }),
    aPerson({ slackId: wang, name: '王芳', reportsTo: gone }),
    aPerson({ slackId: li, name: '李雷', reportsTo: gone }),
    aPerson({ slackId: amy, name: 'Amy', reportsTo: manager }),
    aPerson({ slackId: onlineLead, teamId: 'online', role: 'lead', reportsTo: manager }),
    aPerson({ slackId: 'U0OAGENT', teamId: 'online', reportsTo: onlineLead }),
  ]);
  await insertShifts(deps.db, [
    { personId: wang, date: '2026-11-30', shiftCode: 'R' },
    { personId: li, date: '2026-11-30', shiftCode: 'R' },
    { personId: amy, date: '2026-11-24', shiftCode: 'R' },
    { personId: amy, date: '2026-11-26', shiftCode: 'R' },
    { personId: 'U0OAGENT', date: '2026-11-30', shiftCode: 'R', teamId: 'online' },
  ]);
  const [swap] = await deps.db
    .insert(swapRequests)
    .values({
      submissionKey: 's1',
      teamId: 'phone',
      requesterId: wang,
      colleagueId: li,
      giveDate: '2026-12-03' as LocalDate,
      giveShift: 'R',
      status: 'pending_lead',
      leadId: gone,
      deadline: new Date('2026-12-02T00:30:00Z'),
    })
    .returning();
  ids.swap = swap!.id;
  // sick leave the lead approved before leaving; Amy was back on 26 Nov at 08:30, so proof was due 29 Nov
  const [sick] = await deps.db
    .insert(leaveRequests)
    .values({
      submissionKey: 'k1',
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
    .values({ requestId: sick!.id, position: 0, role: 'lead', approverId: gone, status: 'approved', decidedBy: gone });
  ids.sick = sick!.id;
  const [unanswered] = await deps.db
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
  ids.handover = unanswered!.id;
  await deps.db.insert(handovers).values({
    teamId: 'phone',
    shiftDate: '2026-11-30' as LocalDate,
    shiftCode: 'R',
    nextDate: '2026-11-30' as LocalDate,
    nextShiftCode: 'W',
    authorId: li,
    status: 'refused',
    lastRefusedBy: wang,
    content,
    takeOverDueAt: new Date('2026-11-30T12:45:00Z'),
  });
  await deps.db.insert(handoverMisses).values({
    teamId: 'phone',
    shiftDate: '2026-12-01' as LocalDate,
    shiftCode: 'C',
    personId: li,
    recordedAt: new Date('2026-12-01T01:00:00Z'),
  });
});

afterAll(async () => {
  await testDb?.drop();
});

const waitingFor = async (id: string, now?: string) => loadWaiting(deps, (await findPerson(deps.db, id))!, now ? new Date(now) : undefined);
const brief = (items: readonly WaitingItem[]) => items.map((i) => [i.kind, 'as' in i ? i.as : '', i.dueAt?.toISOString()]);

describe('a team with no active lead: nothing waits for nobody', () => {
  it('the manager gets the overdue proof, the handover nobody took over, the swap left with the lead, the refused handover and the missed ones', async () => {
    expect(brief(await waitingFor(manager))).toEqual([
      ['proof', 'approver', '2026-11-29T00:30:00.000Z'],
      ['handover', 'lead', '2026-12-01T00:45:00.000Z'],
      ['swap', 'lead', '2026-12-02T00:30:00.000Z'],
      ['handover', 'lead', undefined],
      ['missed_handovers', '', undefined],
    ]);
  });

  it('the manager gets the missing summaries after the deadline, for the leadless team only', async () => {
    const reports = (await waitingFor(manager, '2026-12-05T10:00:00Z')).filter((i) => i.kind === 'team_reports');
    expect(reports).toMatchObject([{ teamId: 'phone', missing: ['李雷', '王芳'], late: [] }]);
    const online = (await waitingFor(onlineLead, '2026-12-05T10:00:00Z')).filter((i) => i.kind === 'team_reports');
    expect(online.map((i) => i.kind === 'team_reports' && i.teamId)).toEqual(['online']);
  });

  it('the lead of another team, the GM and the agents get none of it', async () => {
    expect(brief(await waitingFor(onlineLead))).toEqual([]);
    expect(brief(await waitingFor('U0GM'))).toEqual([]);
    expect((await waitingFor(wang)).map((i) => i.kind)).toEqual(['report']);
    expect((await waitingFor(amy)).map((i) => i.kind)).toEqual([]);
  });

  it('the manager’s Home is drawn again when those items change, and hears of the team’s handovers', async () => {
    expect(await peopleShowing(deps, { kind: 'swap', id: ids.swap! })).toContain(manager);
    expect(await peopleShowing(deps, { kind: 'leave', id: ids.sick! })).toContain(manager);
    expect(await peopleShowing(deps, { kind: 'handover', id: ids.handover! })).toContain(manager);
    expect(await peopleShowing(deps, { kind: 'team', teamId: 'phone' })).toEqual([manager]);
    expect(await leadsOfTeam(deps, 'phone')).toEqual([manager]);
    expect(await leadsOfTeam(deps, 'online')).toEqual([onlineLead]);
  });
});
