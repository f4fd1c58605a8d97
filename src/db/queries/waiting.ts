/** The open items someone may have to act on, across the four jobs: the inbox reads them, the rule in src/policy/pending.ts says whose they are. */
import { and, asc, eq, getTableColumns, gte, inArray, lte, ne, or, sql } from 'drizzle-orm';
import type { LocalDate } from '../../policy/time.js';
import type { DbOrTx } from '../client.js';
import { proposalsAwaitingQuery } from './comp-time-proposals.js';
import {
  handoverMisses,
  handoverRecipients,
  handovers,
  leaveApprovalSteps,
  leaveCoveredShifts,
  leaveRequests,
  people,
  swapRequests,
  type Handover,
  type LeaveApprovalStep,
  type LeaveRequest,
  type SwapRequest,
} from '../schema.js';

/** What the inbox reads of a pending step and its request to know whose it is and by when. */
export interface PendingStepRow {
  readonly step: Pick<LeaveApprovalStep, 'id' | 'status' | 'approverId' | 'pendingSince' | 'remindedAt' | 'escalatedAt'>;
  readonly request: Pick<LeaveRequest, 'id' | 'teamId' | 'status' | 'noticeMinutes'>;
  /** The request's covered shifts, in day and shift order. */
  readonly shifts: { date: LocalDate; shiftCode: string }[];
}

/**
 * Pending steps of pending requests whose approver is the person, with their request and its shifts,
 * in one statement (a lead may have a hundred of them: only the columns the rule reads).
 */
export async function pendingStepsOf(db: DbOrTx, approverId: string): Promise<PendingStepRow[]> {
  // each step's request by its key: a table the embedded database has never analyzed looks like one row
  // to the planner, which would otherwise scan every request once per step
  const request = db
    .select({
      id: leaveRequests.id,
      teamId: leaveRequests.teamId,
      status: leaveRequests.status,
      noticeMinutes: leaveRequests.noticeMinutes,
    })
    .from(leaveRequests)
    // the status compared as text, so the key and not the status index finds the row
    .where(and(eq(leaveRequests.id, leaveApprovalSteps.requestId), sql`${leaveRequests.status}::text = 'pending'`))
    .limit(1) // one request per key: the limit only keeps the subquery from being folded into the join
    .as('request');
  const rows = await db
    .select({
      id: leaveApprovalSteps.id,
      status: leaveApprovalSteps.status,
      approverId: leaveApprovalSteps.approverId,
      pendingSince: leaveApprovalSteps.pendingSince,
      remindedAt: leaveApprovalSteps.remindedAt,
      escalatedAt: leaveApprovalSteps.escalatedAt,
      requestId: request.id,
      teamId: request.teamId,
      requestStatus: request.status,
      noticeMinutes: request.noticeMinutes,
      date: leaveCoveredShifts.date,
      shiftCode: leaveCoveredShifts.shiftCode,
    })
    .from(leaveApprovalSteps)
    .innerJoinLateral(request, sql`true`)
    .leftJoin(leaveCoveredShifts, eq(leaveCoveredShifts.requestId, request.id))
    .where(and(eq(leaveApprovalSteps.approverId, approverId), eq(leaveApprovalSteps.status, 'pending')))
    .orderBy(asc(leaveApprovalSteps.id), asc(leaveCoveredShifts.date), asc(leaveCoveredShifts.shiftCode));
  const steps = new Map<number, PendingStepRow>();
  for (const r of rows) {
    const row = steps.get(r.id) ?? {
      step: {
        id: r.id,
        status: r.status,
        approverId: r.approverId,
        pendingSince: r.pendingSince,
        remindedAt: r.remindedAt,
        escalatedAt: r.escalatedAt,
      },
      request: { id: r.requestId, teamId: r.teamId, status: r.requestStatus, noticeMinutes: r.noticeMinutes },
      shifts: [],
    };
    if (r.date !== null && r.shiftCode !== null) row.shifts.push({ date: r.date, shiftCode: r.shiftCode });
    steps.set(r.id, row);
  }
  return [...steps.values()];
}

function swapsQuery(db: DbOrTx, p: { personId: string; orphaned: boolean }) {
  const columns = getTableColumns(swapRequests);
  const waiting = db
    .select({ ...columns, orphaned: sql<boolean>`false` })
    .from(swapRequests)
    .where(
      or(
        and(eq(swapRequests.colleagueId, p.personId), eq(swapRequests.status, 'pending_colleague')),
        and(eq(swapRequests.leadId, p.personId), eq(swapRequests.status, 'pending_lead')),
      ),
    );
  const orphaned = db
    .select({ ...columns, orphaned: sql<boolean>`true` })
    .from(swapRequests)
    .innerJoin(people, eq(people.slackId, swapRequests.leadId))
    .where(and(eq(swapRequests.status, 'pending_lead'), eq(people.active, false)));
  return p.orphaned ? waiting.unionAll(orphaned) : waiting;
}

/**
 * Swaps waiting for the person (as the colleague asked, or as the lead to approve) and, with
 * `orphaned`, every swap waiting for a lead who is no longer active: one statement, earliest deadline first.
 */
export async function swapsConcerning(
  db: DbOrTx,
  p: { personId: string; orphaned: boolean },
): Promise<{ waiting: SwapRequest[]; orphaned: SwapRequest[] }> {
  const rows = (await swapsQuery(db, p)).sort((x, y) => x.deadline.getTime() - y.deadline.getTime());
  const swap = ({ orphaned: _, ...row }: (typeof rows)[number]): SwapRequest => row;
  return { waiting: rows.filter((r) => !r.orphaned).map(swap), orphaned: rows.filter((r) => r.orphaned).map(swap) };
}

function handoversQuery(db: DbOrTx, p: { personId: string; teamIds: readonly string[]; from: LocalDate }) {
  const columns = getTableColumns(handovers);
  const sent = db
    .select({ ...columns, sent: sql<boolean>`true` })
    .from(handoverRecipients)
    .innerJoin(handovers, eq(handovers.id, handoverRecipients.handoverId))
    .where(and(eq(handoverRecipients.personId, p.personId), eq(handovers.status, 'submitted')));
  const ofTeams = p.teamIds.length > 0 ? [and(inArray(handovers.teamId, [...p.teamIds]), ne(handovers.status, 'taken_over'))] : [];
  const open = db
    .select({ ...columns, sent: sql<boolean>`false` })
    .from(handovers)
    .where(and(gte(handovers.shiftDate, p.from), or(...ofTeams, and(eq(handovers.authorId, p.personId), eq(handovers.status, 'refused')))));
  return sent.unionAll(open);
}

/**
 * The handovers sent to the person (the incoming shift) that nobody has taken over yet, and the teams'
 * handovers of shifts since `from` that were refused or are still not taken over with the person's own
 * refused ones: one statement.
 */
export async function handoversConcerning(
  db: DbOrTx,
  p: { personId: string; teamIds: readonly string[]; from: LocalDate },
): Promise<{ sent: Handover[]; open: Handover[] }> {
  const rows = await handoversQuery(db, p);
  const handover = ({ sent: _, ...row }: (typeof rows)[number]): Handover => row;
  return {
    sent: rows.filter((r) => r.sent).map(handover),
    open: rows
      .filter((r) => !r.sent)
      .map(handover)
      .sort((x, y) => x.takeOverDueAt.getTime() - y.takeOverDueAt.getTime()),
  };
}

function proofsOwedQuery(db: DbOrTx, p: { personId: string; orphaned: boolean }) {
  const columns = getTableColumns(leaveRequests);
  const owed = and(eq(leaveRequests.status, 'approved'), eq(leaveRequests.proof, 'owed'));
  const first = (kind: 'own' | 'approved' | 'orphaned') => ({
    ...columns,
    firstApproverId: sql<string | null>`${leaveApprovalSteps.approverId}`,
    kind: sql<typeof kind>`${kind}::text`,
  });
  const own = db
    .select(first('own'))
    .from(leaveRequests)
    .leftJoin(leaveApprovalSteps, and(eq(leaveApprovalSteps.requestId, leaveRequests.id), eq(leaveApprovalSteps.position, 0)))
    .where(and(eq(leaveRequests.personId, p.personId), owed));
  const approved = db
    .select(first('approved'))
    .from(leaveApprovalSteps)
    .innerJoin(leaveRequests, eq(leaveRequests.id, leaveApprovalSteps.requestId))
    .where(and(eq(leaveApprovalSteps.approverId, p.personId), eq(leaveApprovalSteps.position, 0), owed));
  const orphaned = db
    .select(first('orphaned'))
    .from(leaveApprovalSteps)
    .innerJoin(leaveRequests, eq(leaveRequests.id, leaveApprovalSteps.requestId))
    .innerJoin(people, eq(people.slackId, leaveApprovalSteps.approverId))
    .where(and(eq(leaveApprovalSteps.position, 0), owed, eq(people.active, false)));
  return p.orphaned ? own.unionAll(approved).unionAll(orphaned) : own.unionAll(approved);
}

type ProofOwed = { request: LeaveRequest; firstApproverId: string | undefined };

/**
 * Approved leave with proof still owed, in one statement: the person's own and that whose first step
 * the person approved (`mine`), and with `orphaned`, that whose first approver is no longer active.
 */
export async function proofsOwedConcerning(
  db: DbOrTx,
  p: { personId: string; orphaned: boolean },
): Promise<{ mine: ProofOwed[]; orphaned: { request: LeaveRequest; firstApproverId: string }[] }> {
  const rows = await proofsOwedQuery(db, p);
  const request = ({ firstApproverId: _, kind: __, ...row }: (typeof rows)[number]): LeaveRequest => row;
  const of = (kind: string) => rows.filter((r) => r.kind === kind);
  return {
    mine: [
      ...of('own').map((r) => ({ request: request(r), firstApproverId: r.firstApproverId ?? undefined })),
      ...of('approved')
        .filter((r) => r.personId !== p.personId)
        .map((r) => ({ request: request(r), firstApproverId: p.personId })),
    ],
    orphaned: of('orphaned').flatMap((r) =>
      r.firstApproverId === null ? [] : [{ request: request(r), firstApproverId: r.firstApproverId }],
    ),
  };
}

function missedHandoversQuery(db: DbOrTx, p: { teamIds: readonly string[]; from: LocalDate; to: LocalDate }) {
  return db
    .select({ personId: handoverMisses.personId, name: people.name })
    .from(handoverMisses)
    .innerJoin(people, eq(people.slackId, handoverMisses.personId))
    .where(and(inArray(handoverMisses.teamId, [...p.teamIds]), gte(handoverMisses.shiftDate, p.from), lte(handoverMisses.shiftDate, p.to)));
}

/** Missed handovers of the teams' people between two days, with each person's count. */
export async function missedHandoverCounts(
  db: DbOrTx,
  p: { teamIds: readonly string[]; from: LocalDate; to: LocalDate },
): Promise<{ personId: string; name: string; count: number }[]> {
  if (p.teamIds.length === 0) return [];
  const rows = await missedHandoversQuery(db, p);
  const counts = new Map<string, { personId: string; name: string; count: number }>();
  for (const r of rows) counts.set(r.personId, { personId: r.personId, name: r.name, count: (counts.get(r.personId)?.count ?? 0) + 1 });
  return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** What `waitingKindsOf` is asked: the parameters of each kind's own statement (`missed` undefined: not asked). */
export interface WaitingKindsQuery {
  readonly personId: string;
  /** Whether swaps and proofs left by someone gone are asked for too. */
  readonly orphaned: boolean;
  readonly handovers: { readonly teamIds: readonly string[]; readonly from: LocalDate };
  readonly missed: { readonly teamIds: readonly string[]; readonly from: LocalDate; readonly to: LocalDate } | undefined;
}

export interface WaitingKinds {
  readonly swaps: boolean;
  readonly handovers: boolean;
  readonly proofs: boolean;
  readonly missed: boolean;
  readonly compTime: boolean;
}

/**
 * Which of the statements above would find rows for the person, in one statement: most people have
 * nothing waiting of most kinds, and the embedded database costs about as much per statement as per row.
 */
export async function waitingKindsOf(db: DbOrTx, p: WaitingKindsQuery): Promise<WaitingKinds> {
  const missed = p.missed && p.missed.teamIds.length > 0 ? sql`exists(${missedHandoversQuery(db, p.missed)})` : sql`false`;
  const result = await db.execute(sql`select
    exists(${swapsQuery(db, p)}) as swaps,
    exists(${handoversQuery(db, { personId: p.personId, ...p.handovers })}) as handovers,
    exists(${proofsOwedQuery(db, p)}) as proofs,
    ${missed} as missed,
    exists(${proposalsAwaitingQuery(db, [p.personId])}) as comp_time`);
  // postgres.js answers with the rows, PGlite with { rows }
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as Record<string, boolean>[];
  const row = rows[0] ?? {};
  return {
    swaps: row.swaps === true,
    handovers: row.handovers === true,
    proofs: row.proofs === true,
    missed: row.missed === true,
    compTime: row.comp_time === true,
  };
}

/** Who a leave request concerns: its person and every approver of its steps. */
export async function peopleOfLeave(db: DbOrTx, requestId: number): Promise<string[]> {
  const [request] = await db.select({ personId: leaveRequests.personId }).from(leaveRequests).where(eq(leaveRequests.id, requestId));
  const steps = await db
    .select({ approverId: leaveApprovalSteps.approverId })
    .from(leaveApprovalSteps)
    .where(eq(leaveApprovalSteps.requestId, requestId));
  return [...new Set([...(request ? [request.personId] : []), ...steps.map((s) => s.approverId)])];
}

/** Who a swap concerns: both people and the lead. */
export async function peopleOfSwap(db: DbOrTx, swapId: number): Promise<string[]> {
  const [swap] = await db.select().from(swapRequests).where(eq(swapRequests.id, swapId));
  return swap ? [...new Set([swap.requesterId, swap.colleagueId, ...(swap.leadId ? [swap.leadId] : [])])] : [];
}

/** Who a handover concerns (its author, whoever last refused it, the incoming shift it was sent to) and its team. */
export async function peopleOfHandover(db: DbOrTx, handoverId: number): Promise<{ people: string[]; teamId: string } | undefined> {
  const [handover] = await db.select().from(handovers).where(eq(handovers.id, handoverId));
  if (!handover) return undefined;
  const recipients = await db
    .select({ personId: handoverRecipients.personId })
    .from(handoverRecipients)
    .where(eq(handoverRecipients.handoverId, handoverId));
  return {
    people: [
      ...new Set([handover.authorId, ...(handover.lastRefusedBy ? [handover.lastRefusedBy] : []), ...recipients.map((r) => r.personId)]),
    ],
    teamId: handover.teamId,
  };
}
