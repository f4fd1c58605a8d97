/**
 * "Waiting for you": every open item where this person is the one to act, across the four jobs, each
 * with its deadline as the feature's own rule states it (src/policy/pending.ts), most urgent first.
 */
import { teamLeads } from '../db/queries/handover.js';
import { firstShiftsAfter } from '../db/queries/leave.js';
import { findPerson } from '../db/queries/people.js';
import { listWeekDuties } from '../db/queries/report.js';
import {
  handoversSentTo,
  missedHandoverCounts,
  openHandoversOf,
  peopleOfHandover,
  peopleOfLeave,
  peopleOfSwap,
  pendingStepsOf,
  proofOwedFor,
  swapsWaitingFor,
} from '../db/queries/waiting.js';
import type { Person } from '../db/schema.js';
import { pendingHandover, pendingLeaveStep, pendingProof, pendingReport, pendingSwap, type Pending } from '../policy/pending.js';
import { leaveDaysIn, owesReport } from '../policy/report.js';
import { reportWeekAt } from '../policy/report-week.js';
import { addDays, monthOf, shiftInterval, todayIn, type LocalDate } from '../policy/time.js';
import type { UseCaseDeps } from './deps.js';
import type { ItemRef } from './home-changes.js';
import { teamOf } from './team.js';

export type WaitingItem = (
  | { readonly kind: 'leave_step'; readonly stepId: number; readonly requestId: number }
  | { readonly kind: 'swap'; readonly swapId: number; readonly as: 'colleague' | 'lead' }
  | { readonly kind: 'handover'; readonly handoverId: number; readonly as: 'incoming' | 'lead' | 'author' }
  | { readonly kind: 'proof'; readonly requestId: number; readonly as: 'owner' | 'approver' }
  | { readonly kind: 'report'; readonly weekStart: LocalDate }
  | {
      readonly kind: 'team_reports';
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
  return at(a) - at(b) || keyOf(a).localeCompare(keyOf(b));
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
    case 'team_reports':
      return `team_reports:${item.weekStart}`;
    case 'missed_handovers':
      return `missed:${item.month}`;
  }
}

const mine = (pending: Pending, personId: string) => pending.actors.includes(personId);

/** How far back refused or unanswered handovers of a lead's team stay in their inbox. */
const handoverLookbackDays = 2;

/** Every item waiting for the person at `now`, most urgent first. */
export async function loadWaiting(deps: UseCaseDeps, person: Person, now: Date = deps.clock.now()): Promise<WaitingItem[]> {
  if (!person.active || deps.policy.teams[person.teamId] === undefined) return [];
  const me = person.slackId;
  const lists = await Promise.all([
    leaveSteps(deps, me),
    swaps(deps, me),
    handoverItems(deps, person, now),
    proofItems(deps, me, now),
    reportItems(deps, person, now),
    missedHandovers(deps, person, now),
  ]);
  return lists.flat().sort(byDeadline);
}

async function leaveSteps(deps: UseCaseDeps, me: string): Promise<WaitingItem[]> {
  return (await pendingStepsOf(deps.db, me)).flatMap(({ step, request, shifts }) => {
    const team = teamOf(deps, request);
    const intervals = shifts.flatMap((s) => {
      const shift = deps.policy.shifts[s.shiftCode];
      return shift ? [shiftInterval(s.date as LocalDate, shift, team.timezone)] : [];
    });
    const pending = pendingLeaveStep(request, step, team.rules.leave, intervals);
    return mine(pending, me) ? [{ kind: 'leave_step' as const, stepId: step.id, requestId: request.id, dueAt: pending.dueAt }] : [];
  });
}

async function swaps(deps: UseCaseDeps, me: string): Promise<WaitingItem[]> {
  return (await swapsWaitingFor(deps.db, me)).flatMap((swap) => {
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

/** The teams whose handovers and summaries fall to the person: the team they lead. */
const ledTeams = (person: Person): string[] => (person.role === 'lead' ? [person.teamId] : []);

async function handoverItems(deps: UseCaseDeps, person: Person, now: Date): Promise<WaitingItem[]> {
  const me = person.slackId;
  const team = teamOf(deps, person);
  const from = addDays(todayIn(now, team.timezone), -handoverLookbackDays);
  const [sent, open] = await Promise.all([
    handoversSentTo(deps.db, me),
    openHandoversOf(deps.db, { teamIds: ledTeams(person), authorId: me, from }),
  ]);
  const leadsByTeam = new Map<string, string[]>();
  const leadsOf = async (teamId: string) =>
    leadsByTeam.get(teamId) ?? leadsByTeam.set(teamId, await teamLeads(deps.db, teamId)).get(teamId) ?? [];
  const items = new Map<number, WaitingItem>();
  for (const handover of [...sent, ...open]) {
    if (items.has(handover.id)) continue;
    const incoming = sent.some((h) => h.id === handover.id) ? [me] : [];
    const pending = pendingHandover(handover, { incoming, leads: await leadsOf(handover.teamId), now });
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

async function proofItems(deps: UseCaseDeps, me: string, now: Date): Promise<WaitingItem[]> {
  const items: WaitingItem[] = [];
  for (const { request, firstApproverId } of await proofOwedFor(deps.db, me)) {
    const team = teamOf(deps, request);
    const back = (await firstShiftsAfter(deps.db, request.personId, request.lastDay)).flatMap((s) => {
      const shift = deps.policy.shifts[s.shiftCode];
      return shift ? [shiftInterval(s.date as LocalDate, shift, team.timezone).start.getTime()] : [];
    });
    const backAt = back.length > 0 ? new Date(Math.min(...back)) : undefined;
    const pending = pendingProof(request, { backAt: backAt && backAt <= now ? backAt : undefined, firstApproverId, now }, team.rules.leave);
    if (mine(pending, me))
      items.push({ kind: 'proof', requestId: request.id, as: request.personId === me ? 'owner' : 'approver', dueAt: pending.dueAt });
  }
  return items;
}

async function reportItems(deps: UseCaseDeps, person: Person, now: Date): Promise<WaitingItem[]> {
  const team = teamOf(deps, person);
  const week = reportWeekAt(now, team.rules.report, team.timezone);
  const led = ledTeams(person);
  if (person.role !== 'agent' && (led.length === 0 || now < week.dueAt)) return [];
  const duties = await listWeekDuties(deps.db, team.id, week);
  const owed = duties.filter((row) =>
    owesReport(
      { role: row.person.role, active: row.person.active, shiftsWorked: row.shiftsWorked, leaveDays: leaveDaysIn(row.leavePeriods, week) },
      week,
      team.rules.report,
    ),
  );
  if (person.role === 'agent') {
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
  const missing = owed.filter((r) => r.report === undefined).map((r) => r.person.name);
  const late = owed.filter((r) => r.report?.late === true).map((r) => r.person.name);
  return missing.length + late.length > 0 ? [{ kind: 'team_reports', weekStart: week.start, missing, late, dueAt: week.dueAt }] : [];
}

async function missedHandovers(deps: UseCaseDeps, person: Person, now: Date): Promise<WaitingItem[]> {
  const led = ledTeams(person);
  if (led.length === 0) return [];
  const month = monthOf(todayIn(now, teamOf(deps, person).timezone));
  const people = await missedHandoverCounts(deps.db, { teamIds: led, from: month.first, to: month.last });
  return people.length > 0 ? [{ kind: 'missed_handovers', month: month.first.slice(0, 7), people, dueAt: undefined }] : [];
}

// ------------------------------------------------------------------------------------------------
// Whose Home shows an item: after a change, those Homes are drawn again.

/** Everyone whose Home may show the item: its people, approvers, colleague, incoming shift and leads. */
export async function peopleShowing(deps: UseCaseDeps, ref: ItemRef): Promise<string[]> {
  switch (ref.kind) {
    case 'leave':
      return peopleOfLeave(deps.db, ref.id);
    case 'swap':
      return peopleOfSwap(deps.db, ref.id);
    case 'handover':
      return peopleOfHandover(deps.db, ref.id);
    case 'report': {
      const person = await findPerson(deps.db, ref.personId);
      return [ref.personId, ...(person ? await teamLeads(deps.db, person.teamId) : [])];
    }
    case 'team':
      return teamLeads(deps.db, ref.teamId);
  }
}
