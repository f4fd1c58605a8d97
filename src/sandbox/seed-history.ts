/**
 * The demo department's recent past, so that a first visit finds a department at work rather than
 * one that let every shift change since Monday go by: each shift change whose missed deadline has
 * passed has the handover its outgoing shift wrote, taken over by the incoming shift. They are written
 * as stored records (no Slack messages: the stand-in's workspace starts empty at each start); the
 * shift changes still ahead, and the one just ending, are left for the visitor. Likewise, when the
 * sandbox first starts after this week's report deadline, every agent who owed a summary sent it in time.
 */
import type { Db } from '../db/client.js';
import { addRecipients, insertHandover, insertVersion, recordHandoverEvent, scheduledOn, updateHandover } from '../db/queries/handover.js';
import { listPeople } from '../db/queries/people.js';
import { insertReport } from '../db/queries/report.js';
import { listRoster } from '../db/queries/roster.js';
import type { HandoverContent } from '../db/schema.js';
import { handsOver, missedAt, nextShift, takeOverDueAt, teamOccurrences } from '../policy/handover.js';
import type { Policy } from '../policy/policy-file.js';
import { reportWeekAt } from '../policy/report-week.js';
import { addDays, todayIn, type LocalDate } from '../policy/time.js';
import { minutesInMs } from '../policy/duration.js';

/** What a quiet shift's handover says, in its author's language (demo data, like the org file's names). */
const quietShift: Record<'zh-CN' | 'en', Omit<HandoverContent, 'equipmentOk' | 'openCaseIds'>> = {
  'zh-CN': { equipmentIssue: '', staffing: '按排班到岗。', process: '', instructions: '', feedback: '来电量正常，无升级投诉。', notes: '' },
  en: {
    equipmentIssue: '',
    staffing: 'Everyone rostered came in.',
    process: '',
    instructions: '',
    feedback: 'Normal volume, no escalations.',
    notes: '',
  },
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
      const writtenAt = new Date(shift.end.getTime() - minutesInMs(Math.min(10, rules.outgoing_starts_before_end)));
      const takenAt = new Date(
        Math.max(shift.end.getTime(), next.start.getTime()) + minutesInMs(Math.min(5, rules.escalate_unacknowledged_after)),
      );
      const content: HandoverContent = {
        ...quietShift[people.get(author)?.locale === 'en' ? 'en' : 'zh-CN'],
        equipmentOk: true,
        openCaseIds: [],
      };
      await db.transaction(async (tx) => {
        const handover = await insertHandover(tx, {
          teamId: team.id,
          shiftDate: shift.date,
          shiftCode: shift.shiftCode,
          nextDate: next.date,
          nextShiftCode: next.shiftCode,
          authorId: author,
          content,
          takeOverDueAt: due,
        });
        if (!handover) return;
        await insertVersion(tx, {
          handoverId: handover.id,
          version: 1,
          submissionKey: `sandbox-history:${team.id}:${shift.date}:${shift.shiftCode}`,
          authorId: author,
          content,
          addendum: false,
          at: writtenAt,
        });
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

/** A week's summary as an agent would write it (demo data); each part is well over the policy's minimum. */
const weekSummary: Record<'zh-CN' | 'en', { done: string; improve: string }> = {
  'zh-CN': {
    done: '本周按排班完成了全部班次，接听并处理客户来电与在线咨询，跟进了几位客户的退款和升级问题，均已在承诺时间内回复。交接班记录按时填写，未结事项都交给了下一班并写明负责人。另外整理了常见问题的答复模板，供组内同事参考使用，减少了重复解释的时间。',
    improve:
      '下周希望进一步缩短平均处理时长，减少不必要的转接；遇到复杂问题时把处理经过记录得更完整，方便下一班接手。也准备和组长一起复盘本周的两次客户投诉，找出流程上可以改进的地方，并把结论补充到答复模板里。',
  },
  en: {
    done: 'Worked every rostered shift this week, answering calls and chats and following up on several refund and escalation cases, all answered within the time promised. Handover notes were written on time, with every open item passed to the next shift and an owner named. I also collected answers to frequent questions into templates the team can reuse, which saves time explaining the same things again.',
    improve:
      'Next week I want to bring the average handling time down and avoid transfers that are not needed, and to write down the steps taken on complex cases more fully so the next shift can pick them up. I will also go through this week’s two complaints with the team lead to see what in the process could be better, and add what we learn to the templates.',
  },
};

/** When the first start comes after this week's deadline: the summary of every agent rostered that week, sent before it; returns how many. */
export async function seedPastReports(db: Db, policy: Policy, now: Date): Promise<number> {
  const people = new Map((await listPeople(db)).map((p) => [p.slackId, p]));
  let written = 0;
  for (const team of Object.values(policy.teams)) {
    const week = reportWeekAt(now, team.rules.report, team.timezone);
    if (week.dueAt.getTime() > now.getTime()) continue;
    const rostered = new Set((await listRoster(db, { from: week.start, to: week.end })).map((row) => row.personId));
    const owing = [...people.values()].filter(
      (p) =>
        p.teamId === team.id && p.role === 'agent' && p.active && (team.rules.report.owed_by === 'all_agents' || rostered.has(p.slackId)),
    );
    for (const person of owing) {
      const text = weekSummary[person.locale === 'en' ? 'en' : 'zh-CN'];
      await insertReport(db, {
        personId: person.slackId,
        teamId: team.id,
        weekStart: week.start,
        done: text.done,
        improve: text.improve,
        late: false,
        submittedAt: new Date(week.dueAt.getTime() - 3 * 60 * 60_000),
      });
      written += 1;
    }
  }
  return written;
}
