/**
 * The demo department's recent past, so that a first visit finds a department at work rather than
 * one that let every shift change since Monday go by: each shift change whose missed deadline has
 * passed has the handover its outgoing shift wrote, taken over by the incoming shift. They are written
 * as stored records (no Slack messages: the stand-in's workspace starts empty at each start); the
 * shift changes still ahead, and the one just ending, are left for the visitor.
 */
import type { Db } from '../db/client.js';
import { addRecipients, insertHandover, insertVersion, recordHandoverEvent, scheduledOn, updateHandover } from '../db/queries/handover.js';
import { listPeople } from '../db/queries/people.js';
import type { HandoverContent } from '../db/schema.js';
import { handsOver, missedAt, nextShift, takeOverDueAt, teamOccurrences } from '../policy/handover.js';
import type { Policy } from '../policy/policy-file.js';
import { addDays, todayIn, type LocalDate } from '../policy/time.js';

const minutes = (n: number) => n * 60_000;

/** What a quiet shift's handover says, in its author's language (demo data, like the org file's names). */
const quietShift: Record<'zh-CN' | 'en', Omit<HandoverContent, 'equipmentOk' | 'openCaseIds'>> = {
  'zh-CN': { equipmentIssue: '', staffing: '按排班到岗。', process: '', instructions: '', feedback: '来电量正常，无升级投诉。', notes: '' },
  en: { equipmentIssue: '', staffing: 'Everyone rostered came in.', process: '', instructions: '', feedback: 'Normal volume, no escalations.', notes: '' },
};

/** Handovers for the team shift changes from `from` whose missed deadline lies before `now`; returns how many were written. */
export async function seedPastHandovers(db: Db, policy: Policy, from: LocalDate, now: Date): Promise<number> {
  const people = new Map((await listPeople(db)).map((p) => [p.slackId, p]));
  let written = 0;
  for (const team of Object.values(policy.teams)) {
    if (team.handover_channel === undefined) continue;
    const rules = team.rules.handover;
    const all = teamOccurrences(policy, team, addDays(from, -1), addDays(todayIn(now, team.timezone), 1));
    for (const shift of all) {
      if (shift.date < from || !handsOver(team, shift) || missedAt(shift, rules).getTime() > now.getTime()) continue;
      const next = nextShift(team, all, shift);
      if (!next) continue;
      const [outgoing, incoming] = await Promise.all([
        scheduledOn(db, { teamId: team.id, date: shift.date, shiftCode: shift.shiftCode }),
        scheduledOn(db, { teamId: team.id, date: next.date, shiftCode: next.shiftCode }),
      ]);
      const author = outgoing[0];
      const taker = incoming.find((id) => id !== author);
      const due = takeOverDueAt({ ending: shift, next }, rules);
      // A handover nobody could take over would raise the lead's alert for a shift before the demo began.
      if (author === undefined || taker === undefined) continue;
      const writtenAt = new Date(shift.end.getTime() - minutes(Math.min(10, rules.outgoing_starts_before_end)));
      const takenAt = new Date(Math.max(shift.end.getTime(), next.start.getTime()) + minutes(Math.min(5, rules.escalate_unacknowledged_after)));
      const content: HandoverContent = { ...quietShift[people.get(author)?.locale === 'en' ? 'en' : 'zh-CN'], equipmentOk: true, openCaseIds: [] };
      await db.transaction(async (tx) => {
        const handover = await insertHandover(tx, { teamId: team.id, shiftDate: shift.date, shiftCode: shift.shiftCode, nextDate: next.date, nextShiftCode: next.shiftCode, authorId: author, content, takeOverDueAt: due });
        if (!handover) return;
        await insertVersion(tx, { handoverId: handover.id, version: 1, submissionKey: `sandbox-history:${team.id}:${shift.date}:${shift.shiftCode}`, authorId: author, content, addendum: false, at: writtenAt });
        await recordHandoverEvent(tx, { handoverId: handover.id, at: writtenAt, actorId: author, kind: 'submitted', version: 1 });
        await addRecipients(tx, handover.id, incoming);
        written += 1;
        // Across a gap between shifts the take-over may still lie ahead: then the incoming shift has it to do.
        if (takenAt.getTime() > now.getTime()) return;
        await updateHandover(tx, handover.id, { status: 'taken_over', takenOverBy: taker, takenOverAt: takenAt, takenOverVersion: 1 });
        await recordHandoverEvent(tx, { handoverId: handover.id, at: takenAt, actorId: taker, kind: 'taken_over', version: 1 });
      });
    }
  }
  return written;
}
