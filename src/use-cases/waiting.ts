/**
 * "Waiting for you": every open item where this person is the one to act, across the four jobs, each
 * with its deadline as the feature's own rule states it (src/policy/pending.ts), most urgent first.
 */
import { compTimeProposalById, proposalsAwaiting } from '../db/queries/comp-time-proposals.js';
import { firstShiftsAfter } from '../db/queries/leave.js';
import { findPerson } from '../db/queries/people.js';
import { listWeekDuties } from '../db/queries/report.js';
import {
  handoversConcerning,
  missedHandoverCounts,
  peopleOfHandover,
  peopleOfLeave,
  peopleOfSwap,
  pendingStepsOf,
  proofsOwedConcerning,
  swapsConcerning,
  waitingKindsOf,
} from '../db/queries/waiting.js';
import type { Person } from '../db/schema.js';
import {
  pendingCompTime,
  pendingHandover,
  pendingLeaveStep,
  pendingProof,
  pendingReport,
  pendingSwap,
  type Pending,
} from '../policy/pending.js';
import { sheetDueAfter } from './attendance-delivery.js';
import { leaveDaysIn, owesReport } from '../policy/report.js';
import { reportWeekAt } from '../policy/report-week.js';
import { addDays, monthOf, shiftInterval, todayIn, type LocalDate } from '../policy/time.js';
import { overseesTeams } from './coverage.js';
import type { UseCaseDeps } from './deps.js';
import type { ItemRef } from './home-changes.js';
import { actingForEach, actorsOfTeam, actorsOfTeams } from './team-actors.js';
import { teamOf } from './team.js';

export type WaitingItem = (
  | { readonly kind: 'leave_step'; readonly stepId: number; readonly requestId: number }
  | { readonly kind: 'swap'; readonly swapId: number; readonly as: 'colleague' | 'lead' }
  | { readonly kind: 'handover'; readonly handoverId: number; readonly as: 'incoming' | 'lead' | 'author' }
  | { readonly kind: 'proof'; readonly requestId: number; readonly as: 'owner' | 'approver' }
  | { readonly kind: 'report'; readonly weekStart: LocalDate }
  | { readonly kind: 'comp_time'; readonly proposalId: number }
  | {
      readonly kind: 'team_reports';
      readonly teamId: string;
      readonly weekStart: LocalDate;
      readonly missing: readonly string[];
      readonly late: readonly string[];
    }
  | {
      readonly kind: 'missed_handovers';
      readonly month: string;
      readonly people: readonly { readonly name: string; readonly count: number }[];
    }
) & { readonly dueAt: Date | undefined };

/** Soonest deadline first; items without one after those, in a stable order. */
export function byDeadline(a: WaitingItem, b: WaitingItem): number {
  const at = (i: WaitingItem) => i.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return at(a) - at(b) || (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0);
}

/** One key per item, stable across redraws. */
export function keyOf(item: WaitingItem): string {
  switch (item.kind) {
    case 'leave_step':
      return `leave:${item.stepId}`;
    case 'swap':
      return `swap:${item.swapId}`;
    case 'handover':
      return `handover:${item.handoverId}`;
    case 'proof':
      return `proof:${item.requestId}`;
    case 'report':
      return `report:${item.weekStart}`;
    case 'comp_time':
      return `comp_time:${item.proposalId}`;
    case 'team_reports':
      return `team_reports:${item.teamId}:${item.weekStart}`;
    case 'missed_handovers':
      return `missed:${item.month}`;
  }
}

const mine = (pending: Pending, personId: string) => pending.actors.includes(personId);

/** How far back refused or unanswered handovers of a lead's team stay in their inbox. */
const handoverLookbackDays = 2;

/** Who acts for each team: only those who look after teams can be among them. */
type TeamActors = ReadonlyMap<string, readonly string[]>;

/** What reading the inbox learnt that drawing its rows needs again: the covered shifts of the requests whose steps it read. */
export interface WaitingReads {
  readonly coveredShifts: Map<number, readonly { date: LocalDate; shiftCode: string }[]>;
}

/** Every item waiting for the person at `now`, most urgent first; `reads` keeps what drawing the rows reads again. */
export async function loadWaiting(
  deps: UseCaseDeps,
  person: Person,
  now: Date = deps.clock.now(),
  reads?: WaitingReads,
): Promise<WaitingItem[]> {
  if (!person.active || deps.policy.teams[person.teamId] === undefined) return [];
  const me = person.slackId;
  const actors: TeamActors = overseesTeams(person) ? await actorsOfTeams(deps, Object.keys(deps.policy.teams)) : new Map();
  const acted = [...actors].filter(([, ids]) => ids.includes(me)).map(([teamId]) => teamId);
  const today = todayIn(now, teamOf(deps, person).timezone);
  const handoversFrom = addDays(today, -handoverLookbackDays);
  const month = monthOf(today);
  // one statement says which kinds have anything for this person; only those are read
  const [steps, has, reports] = await Promise.all([
    leaveSteps(deps, me, reads),
    waitingKindsOf(deps.db, {
      personId: me,
      orphaned: overseesTeams(person),
      handovers: { teamIds: acted, from: handoversFrom },
      missed: acted.length > 0 ? { teamIds: acted, from: month.first, to: month.last } : undefined,
    }),
    reportItems(deps, person, acted, now),
  ]);
  const lists = await Promise.all([
    has.swaps ? swaps(deps, person) : [],
    has.handovers ? handoverItems(deps, person, { acted, actors, from: handoversFrom }, now) : [],
    has.proofs ? proofItems(deps, person, now) : [],
    has.missed ? missedHandovers(deps, acted, month) : [],
    has.compTime ? compTimeItems(deps, me) : [],
  ]);
  return [...steps, ...reports, ...lists.flat()].sort(byDeadline);
}

async function leaveSteps(deps: UseCaseDeps, me: string, reads: WaitingReads | undefined): Promise<WaitingItem[]> {
  return (await pendingStepsOf(deps.db, me)).flatMap(({ step, request, shifts }) => {
    reads?.coveredShifts.set(request.id, shifts);
    const team = teamOf(deps, request);
    const intervals = shifts.flatMap((s) => {
      const shift = deps.policy.shifts[s.shiftCode];
      return shift ? [shiftInterval(s.date, shift, team.timezone)] : [];
    });
    const pending = pendingLeaveStep(request, step, team.rules.leave, intervals);
    return mine(pending, me) ? [{ kind: 'leave_step' as const, stepId: step.id, requestId: request.id, dueAt: pending.dueAt }] : [];
  });
}

async function swaps(deps: UseCaseDeps, person: Person): Promise<WaitingItem[]> {
  const me = person.slackId;
  // a swap left with a lead who has gone waits for whoever their approvals pass up to
  const { waiting, orphaned } = await swapsConcerning(deps.db, { personId: me, orphaned: overseesTeams(person) });
  const acting = await actingForEach(
    deps,
    orphaned.flatMap((s) => (s.leadId ? [s.leadId] : [])),
  );
  const adopted = orphaned.filter((s) => s.leadId !== null && acting.get(s.leadId) === me).map((s) => ({ ...s, leadId: me }));
  return [...waiting, ...adopted].flatMap((swap) => {
    const pending = pendingSwap(swap);
    return mine(pending, me)
      ? [
          {
            kind: 'swap' as const,
            swapId: swap.id,
            as: swap.status === 'pending_colleague' ? ('colleague' as const) : ('lead' as const),
            dueAt: pending.dueAt,
          },
        ]
      : [];
  });
}

async function handoverItems(
  deps: UseCaseDeps,
  person: Person,
  teams: { acted: readonly string[]; actors: TeamActors; from: LocalDate },
  now: Date,
): Promise<WaitingItem[]> {
  const me = person.slackId;
  const { sent, open } = await handoversConcerning(deps.db, { personId: me, teamIds: teams.acted, from: teams.from });
  const items = new Map<number, WaitingItem>();
  for (const handover of [...sent, ...open]) {
    if (items.has(handover.id)) continue;
    const incoming = sent.some((h) => h.id === handover.id) ? [me] : [];
    const pending = pendingHandover(handover, { incoming, leads: teams.actors.get(handover.teamId) ?? [], now });
    if (!mine(pending, me)) continue;
    const as =
      handover.status === 'refused'
        ? handover.authorId === me
          ? 'author'
          : 'lead'
        : incoming.length > 0 && handover.takeOverDueAt > now
          ? 'incoming'
          : 'lead';
    items.set(handover.id, { kind: 'handover', handoverId: handover.id, as, dueAt: pending.dueAt });
  }
  return [...items.values()];
}

async function proofItems(deps: UseCaseDeps, person: Person, now: Date): Promise<WaitingItem[]> {
  const me = person.slackId;
  const items: WaitingItem[] = [];
  // proof whose first approver has gone is followed up by whoever their approvals pass up to
  const { mine: owed, orphaned } = await proofsOwedConcerning(deps.db, { personId: me, orphaned: overseesTeams(person) });
  const acting = await actingForEach(
    deps,
    orphaned.map((o) => o.firstApproverId),
  );
  const adopted = orphaned
    .filter((o) => acting.get(o.firstApproverId) === me && o.request.personId !== me)
    .map((o) => ({ request: o.request, firstApproverId: me }));
  for (const { request, firstApproverId } of [...owed, ...adopted]) {
    const team = teamOf(deps, request);
    const back = (await firstShiftsAfter(deps.db, request.personId, request.lastDay)).flatMap((s) => {
      const shift = deps.policy.shifts[s.shiftCode];
      return shift ? [shiftInterval(s.date, shift, team.timezone).start.getTime()] : [];
    });
    const backAt = back.length > 0 ? new Date(Math.min(...back)) : undefined;
    const pending = pendingProof(request, { backAt: backAt && backAt <= now ? backAt : undefined, firstApproverId, now }, team.rules.leave);
    if (mine(pending, me))
      items.push({ kind: 'proof', requestId: request.id, as: request.personId === me ? 'owner' : 'approver', dueAt: pending.dueAt });
  }
  return items;
}

/** The summaries a team owes this week, past their deadline or not. */
async function owedReports(deps: UseCaseDeps, teamId: string, now: Date) {
  const team = teamOf(deps, teamId);
  const week = reportWeekAt(now, team.rules.report, team.timezone);
  const duties = await listWeekDuties(deps.db, team.id, week);
  const owed = duties.filter((row) =>
    owesReport(
      { role: row.person.role, active: row.person.active, shiftsWorked: row.shiftsWorked, leaveDays: leaveDaysIn(row.leavePeriods, week) },
      week,
      team.rules.report,
    ),
  );
  return { week, owed };
}

async function reportItems(deps: UseCaseDeps, person: Person, acted: readonly string[], now: Date): Promise<WaitingItem[]> {
  if (person.role === 'agent') {
    const { week, owed } = await owedReports(deps, person.teamId, now);
    const row = owed.find((r) => r.person.slackId === person.slackId);
    const pending = pendingReport({
      personId: person.slackId,
      owes: row !== undefined,
      sent: row?.report !== undefined,
      dueAt: week.dueAt,
      now,
    });
    return mine(pending, person.slackId) ? [{ kind: 'report', weekStart: week.start, dueAt: pending.dueAt }] : [];
  }
  const teams = acted.filter((teamId) => {
    const team = teamOf(deps, teamId);
    return now >= reportWeekAt(now, team.rules.report, team.timezone).dueAt;
  });
  const items = await Promise.all(
    teams.map(async (teamId): Promise<WaitingItem[]> => {
      const { week, owed } = await owedReports(deps, teamId, now);
      const missing = owed.filter((r) => r.report === undefined).map((r) => r.person.name);
      const late = owed.filter((r) => r.report?.late === true).map((r) => r.person.name);
      return missing.length + late.length > 0
        ? [{ kind: 'team_reports', teamId, weekStart: week.start, missing, late, dueAt: week.dueAt }]
        : [];
    }),
  );
  return items.flat();
}

async function missedHandovers(
  deps: UseCaseDeps,
  acted: readonly string[],
  month: { first: LocalDate; last: LocalDate },
): Promise<WaitingItem[]> {
  if (acted.length === 0) return [];
  const people = await missedHandoverCounts(deps.db, { teamIds: acted, from: month.first, to: month.last });
  return people.length > 0 ? [{ kind: 'missed_handovers', month: month.first.slice(0, 7), people, dueAt: undefined }] : [];
}

async function compTimeItems(deps: UseCaseDeps, me: string): Promise<WaitingItem[]> {
  return (await proposalsAwaiting(deps.db, [me])).flatMap((proposal) => {
    const pending = pendingCompTime(proposal, sheetDueAfter(deps, proposal.month));
    return mine(pending, me) ? [{ kind: 'comp_time' as const, proposalId: proposal.id, dueAt: pending.dueAt }] : [];
  });
}

// ------------------------------------------------------------------------------------------------
// Whose Home shows an item: after a change, those Homes are drawn again.

/** Everyone whose Home may show the item: its people, approvers, colleague, incoming shift and leads. */
export async function peopleShowing(deps: UseCaseDeps, ref: ItemRef): Promise<string[]> {
  switch (ref.kind) {
    case 'leave':
      return withActing(deps, await peopleOfLeave(deps.db, ref.id));
    case 'swap':
      return withActing(deps, await peopleOfSwap(deps.db, ref.id));
    case 'handover': {
      const concerned = await peopleOfHandover(deps.db, ref.id);
      return concerned ? [...new Set([...concerned.people, ...(await actorsOfTeam(deps, concerned.teamId))])] : [];
    }
    case 'report': {
      const person = await findPerson(deps.db, ref.personId);
      return [ref.personId, ...(person ? await actorsOfTeam(deps, person.teamId) : [])];
    }
    case 'team':
      return actorsOfTeam(deps, ref.teamId);
    case 'comp_time': {
      const proposal = await compTimeProposalById(deps.db, ref.id);
      return proposal ? [proposal.managerId] : [];
    }
  }
}

/** The people, and whoever acts in place of those of them who have gone. */
async function withActing(deps: UseCaseDeps, ids: readonly string[]): Promise<string[]> {
  return [...new Set([...ids, ...(await actingForEach(deps, ids)).values()])];
}
