/**
 * Every change a notifier tells people about is also announced to the Homes that show the item, so a
 * decision made anywhere (a DM card, the Home, a job) redraws them all. Each notifier's factory passes
 * what it built through one of these.
 */
import type { UseCaseDeps } from '../../use-cases/deps.js';
import type { ItemRef } from '../../use-cases/waiting.js';
import type { HandoverNotifier } from '../handover/notify.js';
import type { LeaveNotifier } from '../leave/notify.js';
import type { ReportNotifier } from '../report/notify.js';
import type { SwapNotifier } from '../swap/notify.js';

type Announce = (ref: ItemRef, also?: readonly string[]) => void;

function announcer(deps: UseCaseDeps): Announce | undefined {
  const homes = deps.homes;
  return homes ? (ref, also = []) => homes.changed(ref, also) : undefined;
}

/** Runs `tell`, then announces the change, even when telling failed (the change is committed). */
async function thenAnnounce<T>(tell: Promise<T>, announce: () => void): Promise<T> {
  try {
    return await tell;
  } finally {
    announce();
  }
}

export function leaveHomeRefresh(n: LeaveNotifier, deps: UseCaseDeps): LeaveNotifier {
  const announce = announcer(deps);
  if (!announce) return n;
  const leave = (id: number, also?: readonly string[]) => () => announce({ kind: 'leave', id }, also);
  return {
    ...n,
    submitted: (id) => thenAnnounce(n.submitted(id), leave(id)),
    decided: (id) => thenAnnounce(n.decided(id), leave(id)),
    withdrawn: (id, wasApproved) => thenAnnounce(n.withdrawn(id, wasApproved), leave(id)),
    escalated: (e) => thenAnnounce(n.escalated(e), leave(e.step.requestId, [e.from.approverId])),
    expired: (id) => thenAnnounce(n.expired(id), leave(id)),
    redraw: (id) => thenAnnounce(n.redraw(id), leave(id)),
    proofReminder: (owed) => thenAnnounce(n.proofReminder(owed), leave(owed.request.id)),
    proofOverdue: (owed) => thenAnnounce(n.proofOverdue(owed), leave(owed.request.id)),
  };
}

export function swapHomeRefresh(n: SwapNotifier, deps: UseCaseDeps): SwapNotifier {
  const announce = announcer(deps);
  if (!announce) return n;
  const swap = (id: number) => () => announce({ kind: 'swap', id });
  return {
    ...n,
    submitted: (id) => thenAnnounce(n.submitted(id), swap(id)),
    accepted: (id) => thenAnnounce(n.accepted(id), swap(id)),
    ended: (id) => thenAnnounce(n.ended(id), swap(id)),
    cancelled: (id, refusals) => thenAnnounce(n.cancelled(id, refusals), swap(id)),
  };
}

export function handoverHomeRefresh(n: HandoverNotifier, deps: UseCaseDeps): HandoverNotifier {
  const announce = announcer(deps);
  if (!announce) return n;
  const handover = (id: number) => () => announce({ kind: 'handover', id });
  return {
    ...n,
    written: (id) => thenAnnounce(n.written(id), handover(id)),
    amended: (id) => thenAnnounce(n.amended(id), handover(id)),
    redrawn: (id) => thenAnnounce(n.redrawn(id), handover(id)),
    takenOver: (id) => thenAnnounce(n.takenOver(id), handover(id)),
    refused: (id) => thenAnnounce(n.refused(id), handover(id)),
    unanswered: (h) => thenAnnounce(n.unanswered(h), handover(h.id)),
    missed: (m) => thenAnnounce(n.missed(m), () => announce({ kind: 'team', teamId: m.team.id })),
  };
}

export function reportHomeRefresh(n: ReportNotifier, deps: UseCaseDeps): ReportNotifier {
  const announce = announcer(deps);
  if (!announce) return n;
  return {
    ...n,
    saved: (person, result) => thenAnnounce(n.saved(person, result), () => announce({ kind: 'report', personId: person.slackId })),
    digest: (team, summary) => thenAnnounce(n.digest(team, summary), () => announce({ kind: 'team', teamId: team.id })),
  };
}
