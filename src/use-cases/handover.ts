/**
 * Shift handovers: the form's facts (which shift is ending, who takes over, open cases, staffing
 * changes), writing and amending a handover in one transaction, and taking over or refusing it — only
 * by the incoming shift, once, however often Slack delivers the click.
 */
import {
  addRecipients,
  findHandover,
  findCases,
  findHandoverOfShift,
  findVersionBySubmission,
  insertCases,
  insertHandover,
  insertVersion,
  listCasesOfHandover,
  listOpenCases,
  listRecentHandovers,
  listRecipients,
  listVersions,
  lockHandover,
  recordHandoverEvent,
  resolveCase,
  scheduledOn,
  searchOpenCases,
  setRecipientMessage,
  staffingChangesForShift,
  updateHandover,
  type StaffingChange,
} from '../db/queries/handover.js';
import { listShiftsOfPerson } from '../db/queries/roster.js';
import type { DbOrTx } from '../db/client.js';
import type { Handover, HandoverCase, HandoverContent, HandoverVersion, Person } from '../db/schema.js';
import { AppError } from '../errors.js';
import { refusal, type Refusal } from '../policy/decision.js';
import {
  carryForward,
  endingShift,
  handsOver,
  isEmptyCase,
  missedAt,
  newCaseRefusals,
  nextShift,
  occurrenceKey,
  occurrencesAround,
  takeOverDueAt,
  teamOccurrences,
  todaysShifts,
  type NewCaseDraft,
  type ShiftOccurrence,
} from '../policy/handover.js';
import type { TeamDefinition } from '../policy/policy-file.js';
import { addDays, toLocalDate, todayIn } from '../policy/time.js';
import type { UseCaseDeps } from './deps.js';
import { actorsOfTeam } from './team-actors.js';
import { teamOf } from './team.js';
import { findPerson, peopleByIds } from '../db/queries/people.js';

/** The shift a handover is about, and the one that takes it over. */
export interface HandoverShifts {
  readonly ending: ShiftOccurrence;
  readonly next: ShiftOccurrence;
}

export interface HandoverForm {
  readonly team: TeamDefinition;
  /** The shifts the author may pick (today's), with the ending one selected. */
  readonly choices: readonly ShiftOccurrence[];
  readonly shifts: HandoverShifts;
  readonly openCases: readonly HandoverCase[];
  readonly staffing: readonly StaffingChange[];
  /** Who is rostered on the incoming shift. */
  readonly incoming: readonly string[];
  /** Set when amending: the handover as it stands. */
  readonly existing?: Handover;
  readonly people: ReadonlyMap<string, Person>;
}

/** The shift starting on `date` with `shiftCode` and the one after it, if the team works that shift. */
export function shiftsOf(deps: UseCaseDeps, team: TeamDefinition, shift: { date: string; shiftCode: string }): HandoverShifts | undefined {
  const date = toLocalDate(shift.date);
  if (!date || !team.shifts.includes(shift.shiftCode)) return undefined;
  const around = teamOccurrences(deps.policy, team, addDays(date, -1), addDays(date, 2));
  const ending = around.find((o) => occurrenceKey(o) === occurrenceKey({ date, shiftCode: shift.shiftCode }));
  const next = ending && nextShift(team, around, ending);
  return ending && next ? { ending, next } : undefined;
}

/**
 * The shifts the modal offers a person: today's that hand over to someone, and the one ending now for
 * them (their own if rostered), which may be yesterday's.
 */
async function offeredShifts(
  deps: UseCaseDeps,
  person: Person,
  team: TeamDefinition,
): Promise<{ choices: ShiftOccurrence[]; ending: ShiftOccurrence | undefined }> {
  const now = deps.clock.now();
  const around = occurrencesAround(deps.policy, team, now).filter((o) => handsOver(team, o));
  const choices = todaysShifts(around, now, team.timezone);
  const today = todayIn(now, team.timezone);
  const mine = await listShiftsOfPerson(deps.db, { personId: person.slackId, from: addDays(today, -2), to: addDays(today, 1) });
  const myKeys = new Set(mine.filter((s) => s.status === 'scheduled').map(occurrenceKey));
  // Only a shift of mine still open for its handover wins; yesterday's does not.
  const ending = endingShift(
    around,
    now,
    (o) => myKeys.has(occurrenceKey(o)) && now.getTime() < missedAt(o, team.rules.handover).getTime(),
  );
  if (!ending || choices.some((c) => occurrenceKey(c) === occurrenceKey(ending))) return { choices, ending };
  return { choices: [ending, ...choices], ending };
}

/** The offered shift with the picked key, if the modal offered it. */
const offered = (choices: readonly ShiftOccurrence[], picked: { date: string; shiftCode: string } | undefined) =>
  picked ? choices.find((c) => occurrenceKey(c) === occurrenceKey(picked)) : undefined;

/** The form for a new handover: the shift ending now (the person's own, if rostered), or the one they picked of those offered. */
export async function newHandoverForm(
  deps: UseCaseDeps,
  person: Person,
  picked?: { date: string; shiftCode: string },
): Promise<HandoverForm> {
  const team = teamOf(deps, person);
  const { choices, ending } = await offeredShifts(deps, person, team);
  const shift = offered(choices, picked) ?? ending;
  const shifts = shift && shiftsOf(deps, team, shift);
  if (!shifts) throw new AppError('handover.no_shift', `team ${team.id} has no shift near ${deps.clock.now().toISOString()}`);
  return formFacts(deps, team, choices, shifts);
}

export type HandoverOpening =
  | { readonly kind: 'form'; readonly form: HandoverForm }
  | { readonly kind: 'no_shift' }
  | { readonly kind: 'written_by'; readonly handover: Handover; readonly authorName: string };

/**
 * What `/handover` opens: the form for the shift ending now (or `picked`, if it is offered), or — when
 * that shift already has a handover — the amend form filled with it for its author or a lead, and for
 * anyone else who wrote it.
 */
export async function openHandover(
  deps: UseCaseDeps,
  person: Person,
  picked?: { date: string; shiftCode: string },
): Promise<HandoverOpening> {
  const team = teamOf(deps, person);
  const { choices, ending } = await offeredShifts(deps, person, team);
  const shift = offered(choices, picked) ?? ending;
  const shifts = shift && shiftsOf(deps, team, shift);
  if (!shifts) return { kind: 'no_shift' };
  const existing = await findHandoverOfShift(deps.db, {
    teamId: team.id,
    shiftDate: shifts.ending.date,
    shiftCode: shifts.ending.shiftCode,
  });
  if (!existing) return { kind: 'form', form: await formFacts(deps, team, choices, shifts) };
  if (mayAmend(existing, person)) return { kind: 'form', form: await formFacts(deps, team, [shifts.ending], shifts, existing) };
  return { kind: 'written_by', handover: existing, authorName: await nameOfPerson(deps, existing.authorId) };
}

const nameOfPerson = async (deps: UseCaseDeps, id: string) => (await peopleByIds(deps.db, [id])).get(id)?.name ?? id;

async function formFacts(
  deps: UseCaseDeps,
  team: TeamDefinition,
  choices: readonly ShiftOccurrence[],
  shifts: HandoverShifts,
  existing?: Handover,
): Promise<HandoverForm> {
  const next = { teamId: team.id, date: shifts.next.date, shiftCode: shifts.next.shiftCode };
  const [openCases, staffing, incoming] = await Promise.all([
    listOpenCases(deps.db, team.id),
    staffingChangesForShift(deps.db, next),
    scheduledOn(deps.db, next),
  ]);
  const people = await peopleByIds(deps.db, [...openCases.map((c) => c.ownerId), ...incoming]);
  return { team, choices, shifts, openCases, staffing, incoming, people, ...(existing ? { existing } : {}) };
}

/** Only the author, or a lead of the handover's team, may amend it. */
export function mayAmend(
  handover: Pick<Handover, 'authorId' | 'teamId'>,
  person: Pick<Person, 'slackId' | 'role' | 'teamId' | 'active'>,
): boolean {
  return person.active && (handover.authorId === person.slackId || (person.role === 'lead' && person.teamId === handover.teamId));
}

export type AmendFormResult = { readonly kind: 'form'; readonly form: HandoverForm } | { readonly kind: 'unknown' | 'not_yours' };

/** The form to amend a handover, filled with its latest version. */
export async function amendHandoverForm(deps: UseCaseDeps, person: Person, handoverId: number): Promise<AmendFormResult> {
  const handover = await findHandover(deps.db, handoverId);
  const team = handover && deps.policy.teams[handover.teamId];
  if (!handover || !team) return { kind: 'unknown' };
  if (!mayAmend(handover, person)) return { kind: 'not_yours' };
  const shifts = shiftsOf(deps, team, { date: handover.shiftDate, shiftCode: handover.shiftCode });
  if (!shifts) return { kind: 'unknown' };
  return { kind: 'form', form: await formFacts(deps, team, [shifts.ending], shifts, handover) };
}

/** What the modal sends, read and trimmed: the content's texts, and what the form alone decides. */
export interface HandoverDraft extends Omit<HandoverContent, 'equipmentOk' | 'openCaseIds'> {
  readonly shift: { readonly date: string; readonly shiftCode: string } | undefined;
  /** Undefined until OK or an issue is picked. */
  readonly equipmentOk: boolean | undefined;
  /** Lines written against open cases, by case id: each closes its case. */
  readonly resolutions: ReadonlyMap<number, string>;
  readonly newCases: readonly NewCaseDraft[];
}

/** The draft's free-text fields and the names their refusals carry. */
const textFields = {
  equipmentIssue: 'equipment_issue',
  staffing: 'staffing',
  process: 'process',
  instructions: 'instructions',
  feedback: 'feedback',
  notes: 'notes',
} as const;

/**
 * What is wrong with a draft, field by field (fields are named as the modal's blocks: `shift`,
 * `equipment`, `notes`, `case_what.0`, `resolution.12`…). Owners must be active people of the org.
 */
export async function checkHandoverDraft(
  deps: UseCaseDeps,
  person: Person,
  draft: HandoverDraft,
  handoverId?: number,
  submissionKey?: string,
): Promise<Refusal[]> {
  const team = teamOf(deps, person);
  const refusals: Refusal[] = [];
  if (handoverId === undefined) refusals.push(...(await newShiftRefusals(deps, person, team, draft, submissionKey)));
  if (draft.equipmentOk === undefined) refusals.push(refusal('handover.refusal.equipment', {}, 'equipment'));
  if (draft.equipmentOk === false && draft.equipmentIssue.trim() === '')
    refusals.push(refusal('handover.refusal.equipment_issue', {}, 'equipment_issue'));
  const { field_max_chars: maxField, case_line_max_chars: maxLine } = team.rules.handover;
  for (const [field, name] of Object.entries(textFields)) {
    if ([...draft[field as keyof typeof textFields]].length > maxField)
      refusals.push(refusal('handover.refusal.too_long', { max: maxField }, name));
  }
  for (const [caseId, line] of draft.resolutions) {
    if ([...line.trim()].length > maxLine) refusals.push(refusal('handover.refusal.too_long', { max: maxLine }, `resolution.${caseId}`));
  }
  const now = deps.clock.now();
  for (const [slot, c] of draft.newCases.entries()) refusals.push(...newCaseRefusals(c, now, slot, team.rules.handover));
  const owners = [...new Set(draft.newCases.filter((c) => !isEmptyCase(c)).flatMap((c) => (c.ownerId ? [c.ownerId] : [])))];
  const known = await peopleByIds(deps.db, owners);
  draft.newCases.forEach((c, slot) => {
    if (isEmptyCase(c) || !c.ownerId) return;
    if (!known.get(c.ownerId)?.active) refusals.push(refusal('handover.refusal.case_owner_unknown', {}, `case_owner.${slot}`));
  });
  return refusals;
}

/**
 * A new handover's shift must be one the modal offered, and must not have a handover yet: a form
 * opened before someone else wrote it never overwrites theirs. A redelivery of the submission that
 * wrote it is no refusal.
 */
async function newShiftRefusals(
  deps: UseCaseDeps,
  person: Person,
  team: TeamDefinition,
  draft: HandoverDraft,
  submissionKey: string | undefined,
): Promise<Refusal[]> {
  const { choices } = await offeredShifts(deps, person, team);
  const picked = offered(choices, draft.shift);
  const shifts = picked && shiftsOf(deps, team, picked);
  if (!shifts) return [refusal('handover.refusal.shift', {}, 'shift')];
  const existing = await findHandoverOfShift(deps.db, {
    teamId: team.id,
    shiftDate: shifts.ending.date,
    shiftCode: shifts.ending.shiftCode,
  });
  if (!existing || (submissionKey !== undefined && (await findVersionBySubmission(deps.db, submissionKey))?.handoverId === existing.id))
    return [];
  const name = await nameOfPerson(deps, existing.authorId);
  return [
    refusal(mayAmend(existing, person) ? 'handover.refusal.written_meanwhile' : 'handover.refusal.already_written', { name }, 'shift'),
  ];
}

export type SubmitHandoverResult =
  | { readonly kind: 'refused'; readonly refusals: readonly Refusal[] }
  | { readonly kind: 'not_yours' | 'unknown' }
  | { readonly kind: 'already_written'; readonly handover: Handover }
  | { readonly kind: 'duplicate'; readonly handover: Handover }
  | { readonly kind: 'written' | 'amended' | 'addendum'; readonly handover: Handover };

const contentOf = (draft: HandoverDraft, openCaseIds: readonly number[]): HandoverContent => ({
  equipmentOk: draft.equipmentOk ?? true,
  equipmentIssue: draft.equipmentOk === false ? draft.equipmentIssue.trim() : '',
  staffing: draft.staffing.trim(),
  process: draft.process.trim(),
  instructions: draft.instructions.trim(),
  feedback: draft.feedback.trim(),
  notes: draft.notes.trim(),
  openCaseIds,
});

/**
 * Writes a new handover for the draft's shift, or a new version of `handoverId` (an amendment before
 * the take-over, an addendum after it). Cases given a line are resolved; new cases are opened; every
 * other case stays open. All in one transaction; a second delivery of one submission changes nothing.
 */
export async function submitHandover(
  deps: UseCaseDeps,
  person: Person,
  draft: HandoverDraft,
  submissionKey: string,
  handoverId?: number,
): Promise<SubmitHandoverResult> {
  const refusals = await checkHandoverDraft(deps, person, draft, handoverId, submissionKey);
  if (refusals.length > 0) return { kind: 'refused', refusals };
  const team = teamOf(deps, person);
  return deps.db.transaction(async (tx) => {
    const seen = await findVersionBySubmission(tx, submissionKey);
    if (seen) return { kind: 'duplicate', handover: (await findHandover(tx, seen.handoverId)) as Handover };
    const now = deps.clock.now();

    let target: Handover | undefined;
    if (handoverId !== undefined) {
      target = await lockHandover(tx, handoverId);
      if (!target) return { kind: 'unknown' };
      if (!mayAmend(target, person)) return { kind: 'not_yours' };
    } else {
      const shifts = shiftsOf(deps, team, draft.shift as { date: string; shiftCode: string }) as HandoverShifts;
      const inserted = await insertHandover(tx, {
        teamId: team.id,
        shiftDate: shifts.ending.date,
        shiftCode: shifts.ending.shiftCode,
        nextDate: shifts.next.date,
        nextShiftCode: shifts.next.shiftCode,
        authorId: person.slackId,
        content: contentOf(draft, []),
        takeOverDueAt: takeOverDueAt(shifts, team.rules.handover),
      });
      if (!inserted) {
        // Written meanwhile: by a second delivery of this submission, or by someone else, whose handover is never overwritten.
        const existing = (await findHandoverOfShift(tx, {
          teamId: team.id,
          shiftDate: shifts.ending.date,
          shiftCode: shifts.ending.shiftCode,
        })) as Handover;
        if (await findVersionBySubmission(tx, submissionKey)) return { kind: 'duplicate', handover: existing };
        return { kind: 'already_written', handover: existing };
      } else {
        const caseIds = await writeCases(tx, person, team, inserted.id, draft, now);
        const content = contentOf(draft, caseIds);
        await updateHandover(tx, inserted.id, { content });
        await insertVersion(tx, {
          handoverId: inserted.id,
          version: 1,
          submissionKey,
          authorId: person.slackId,
          content,
          addendum: false,
          at: now,
        });
        await recordHandoverEvent(tx, { handoverId: inserted.id, at: now, actorId: person.slackId, kind: 'submitted', version: 1 });
        await addRecipients(
          tx,
          inserted.id,
          await scheduledOn(tx, { teamId: team.id, date: inserted.nextDate, shiftCode: inserted.nextShiftCode }),
        );
        return { kind: 'written', handover: { ...inserted, content } };
      }
    }

    // A second delivery that waited for the first one's lock sees its version now.
    if (await findVersionBySubmission(tx, submissionKey)) return { kind: 'duplicate', handover: target as Handover };
    const current = target as Handover;
    const addendum = current.status === 'taken_over';
    const version = current.version + 1;
    const caseIds = await writeCases(tx, person, team, current.id, draft, now);
    const content = contentOf(draft, caseIds);
    await updateHandover(tx, current.id, { content, version, ...(addendum ? {} : { status: 'submitted' as const }) });
    await insertVersion(tx, { handoverId: current.id, version, submissionKey, authorId: person.slackId, content, addendum, at: now });
    await recordHandoverEvent(tx, {
      handoverId: current.id,
      at: now,
      actorId: person.slackId,
      kind: addendum ? 'addendum' : 'amended',
      version,
    });
    // The incoming shift may have changed since (a swap, leave): whoever is rostered now hears of it too.
    await addRecipients(
      tx,
      current.id,
      await scheduledOn(tx, { teamId: current.teamId, date: current.nextDate, shiftCode: current.nextShiftCode }),
    );
    const after: Handover = { ...current, content, version, status: addendum ? current.status : 'submitted' };
    return { kind: addendum ? 'addendum' : 'amended', handover: after };
  });
}

/** Resolves the cases given a line, opens the new ones, and returns the ids of the team's cases left open. */
async function writeCases(
  tx: DbOrTx,
  person: Person,
  team: TeamDefinition,
  handoverId: number,
  draft: HandoverDraft,
  now: Date,
): Promise<number[]> {
  const open = await listOpenCases(tx, team.id);
  const { resolved } = carryForward(open, draft.resolutions);
  for (const r of resolved)
    await resolveCase(tx, { caseId: r.case.id, teamId: team.id, resolution: r.resolution, by: person.slackId, at: now, handoverId });
  await insertCases(
    tx,
    draft.newCases
      .filter((c) => !isEmptyCase(c))
      .map((c) => ({
        teamId: team.id,
        openedIn: handoverId,
        what: c.what.trim(),
        promise: c.promise.trim() === '' ? null : c.promise.trim(),
        dueAt: c.dueAt ?? null,
        ownerId: c.ownerId as string,
      })),
  );
  return (await listOpenCases(tx, team.id)).map((c) => c.id);
}

export type TakeOverResult =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'not_your_shift' | 'own' | 'changed'; readonly handover: Handover }
  | { readonly kind: 'already'; readonly handover: Handover }
  | { readonly kind: 'taken_over'; readonly handover: Handover };

/** Which handover a button answers, and the version its message showed. */
export interface HandoverAnswer {
  readonly handoverId: number;
  readonly version: number;
  readonly actorId: string;
}

/**
 * Why the actor may not answer the handover, if they may not: only the incoming shift, never its own
 * author, only while it is not taken over, and only the version they were shown.
 */
async function answerBlock(
  db: DbOrTx,
  handover: Handover,
  p: HandoverAnswer,
): Promise<'not_your_shift' | 'own' | 'already' | 'changed' | undefined> {
  if (!(await mayAnswer(db, handover, p.actorId))) return 'not_your_shift';
  if (handover.status === 'taken_over') return 'already';
  if (handover.authorId === p.actorId) return 'own';
  if (handover.version !== p.version) return 'changed';
  return undefined;
}

/** Someone of the incoming shift takes over the version they read: who and when are recorded, once. */
export async function takeOverHandover(deps: UseCaseDeps, p: HandoverAnswer): Promise<TakeOverResult> {
  return deps.db.transaction(async (tx) => {
    const handover = await lockHandover(tx, p.handoverId);
    if (!handover) return { kind: 'unknown' };
    const blocked = await answerBlock(tx, handover, p);
    if (blocked) return { kind: blocked, handover };
    const now = deps.clock.now();
    const change = { status: 'taken_over' as const, takenOverBy: p.actorId, takenOverAt: now, takenOverVersion: handover.version };
    await updateHandover(tx, handover.id, change);
    await recordHandoverEvent(tx, { handoverId: handover.id, at: now, actorId: p.actorId, kind: 'taken_over', version: handover.version });
    return { kind: 'taken_over', handover: { ...handover, ...change } };
  });
}

/**
 * Who may answer: those scheduled on the incoming shift (not on leave or swapped away); when nobody
 * is, an active lead of the team stands in for it, so a handover to an empty shift can still be taken over.
 */
async function mayAnswer(db: DbOrTx, handover: Handover, personId: string): Promise<boolean> {
  const incoming = await scheduledOn(db, { teamId: handover.teamId, date: handover.nextDate, shiftCode: handover.nextShiftCode });
  if (incoming.length > 0) return incoming.includes(personId);
  const person = await findPerson(db, personId);
  return person?.active === true && person.role === 'lead' && person.teamId === handover.teamId;
}

/** Whether someone may answer the handover at all: the Refuse button opens its modal only for them. */
export async function incomingCheck(
  deps: UseCaseDeps,
  p: HandoverAnswer,
): Promise<TakeOverResult | { readonly kind: 'already_refused'; readonly handover: Handover }> {
  const handover = await findHandover(deps.db, p.handoverId);
  if (!handover) return { kind: 'unknown' };
  const blocked = await answerBlock(deps.db, handover, p);
  if (blocked) return { kind: blocked, handover };
  if (refusedAlreadyBy(handover, p.actorId)) return { kind: 'already_refused', handover };
  return { kind: 'taken_over', handover }; // i.e. it may still be answered
}

/** This version is refused already by this person: a second refusal (two messages, a double submit) would tell everyone twice. */
function refusedAlreadyBy(handover: Handover, actorId: string): boolean {
  return handover.status === 'refused' && handover.lastRefusedBy === actorId;
}

export type RefuseResult =
  | { readonly kind: 'unknown' }
  /** No reason of the policy's picked, or no note (or one too long): each that is wrong. */
  | { readonly kind: 'incomplete'; readonly reason: boolean; readonly note: boolean }
  | { readonly kind: 'not_your_shift' | 'own' | 'changed' | 'already' | 'already_refused'; readonly handover: Handover }
  | { readonly kind: 'refused'; readonly handover: Handover };

/**
 * Someone of the incoming shift refuses, for one of the policy's reasons (四不接) and with a note: the
 * handover goes back to its author and stays not handed over until someone takes it over.
 */
export async function refuseHandover(deps: UseCaseDeps, p: HandoverAnswer & { reason: string; note: string }): Promise<RefuseResult> {
  const note = p.note.trim();
  return deps.db.transaction(async (tx) => {
    const handover = await lockHandover(tx, p.handoverId);
    if (!handover) return { kind: 'unknown' };
    const team = deps.policy.teams[handover.teamId];
    const badReason = !team || !(p.reason in team.rules.handover.refusal_reasons);
    const badNote = note === '' || (team !== undefined && [...note].length > team.rules.handover.refusal_note_max_chars);
    if (badReason || badNote) return { kind: 'incomplete', reason: badReason, note: badNote };
    const blocked = await answerBlock(tx, handover, p);
    if (blocked) return { kind: blocked, handover };
    if (refusedAlreadyBy(handover, p.actorId)) return { kind: 'already_refused', handover };
    const now = deps.clock.now();
    const change = { status: 'refused' as const, lastRefusalReason: p.reason, lastRefusalNote: note, lastRefusedBy: p.actorId };
    await updateHandover(tx, handover.id, change);
    await recordHandoverEvent(tx, {
      handoverId: handover.id,
      at: now,
      actorId: p.actorId,
      kind: 'refused',
      version: handover.version,
      reason: p.reason,
      note,
    });
    return { kind: 'refused', handover: { ...handover, ...change } };
  });
}

/**
 * Everything a handover message shows, read fresh after a change. Once taken over, the record is the
 * version taken over; later versions are addenda shown after it, so the record never changes silently.
 */
export async function handoverCardData(deps: UseCaseDeps, handoverId: number) {
  const handover = await findHandover(deps.db, handoverId);
  if (!handover) throw new AppError('handover.unknown', `no handover ${handoverId}`);
  const team = teamOf(deps, handover);
  const [cases, versions, recipients, incoming] = await Promise.all([
    listCasesOfHandover(deps.db, handover.id),
    listVersions(deps.db, handover.id),
    listRecipients(deps.db, handover.id),
    scheduledOn(deps.db, { teamId: handover.teamId, date: handover.nextDate, shiftCode: handover.nextShiftCode }),
  ]);
  const taken = handover.status === 'taken_over' ? versions.find((v) => v.version === handover.takenOverVersion) : undefined;
  const record = taken?.content ?? handover.content;
  const addenda = taken ? versions.filter((v) => v.version > taken.version) : [];
  const allCases = await casesByIds(
    deps.db,
    handover.teamId,
    [...new Set([record, ...addenda.map((a) => a.content)].flatMap((c) => c.openCaseIds))],
    cases,
  );
  const carried = record.openCaseIds.flatMap((id) => allCases.find((c) => c.id === id) ?? []);
  const ids = [
    handover.authorId,
    handover.takenOverBy,
    handover.lastRefusedBy,
    ...versions.map((v) => v.authorId),
    ...[...cases, ...allCases].flatMap((c) => [c.ownerId, c.resolvedBy]),
  ];
  const people = await peopleByIds(
    deps.db,
    ids.filter((id): id is string => typeof id === 'string'),
  );
  const shifts = shiftsOf(deps, team, { date: handover.shiftDate, shiftCode: handover.shiftCode });
  const byId = new Map([...cases, ...allCases].map((c) => [c.id, c]));
  return {
    handover,
    team,
    shifts,
    record,
    openCases: carried,
    resolvedHere: cases.filter((c) => c.resolvedIn === handover.id && !addendaResolved(record, addenda).has(c.id)),
    addenda: addenda.map((version, i) => addendumOf(version, i === 0 ? record : (addenda[i - 1] as HandoverVersion).content, byId)),
    versions,
    recipients,
    /** Who is scheduled on the incoming shift now; when nobody is, a lead of the team takes over. */
    incoming,
    people,
  };
}

/** The cases an addendum closed or opened, against the version before it. */
export interface Addendum {
  readonly version: HandoverVersion;
  readonly before: HandoverContent;
  readonly opened: readonly HandoverCase[];
  readonly resolved: readonly HandoverCase[];
}

function addendumOf(version: HandoverVersion, before: HandoverContent, cases: ReadonlyMap<number, HandoverCase>): Addendum {
  const now = new Set(version.content.openCaseIds);
  const was = new Set(before.openCaseIds);
  const lookup = (ids: readonly number[]) => ids.flatMap((id) => cases.get(id) ?? []);
  return {
    version,
    before,
    opened: lookup(version.content.openCaseIds.filter((id) => !was.has(id))),
    resolved: lookup(before.openCaseIds.filter((id) => !now.has(id))),
  };
}

/** Cases closed by an addendum: the record shows them open, as they were when it was taken over. */
function addendaResolved(record: HandoverContent, addenda: readonly HandoverVersion[]): Set<number> {
  const last = addenda.at(-1)?.content.openCaseIds;
  if (!last) return new Set();
  const open = new Set(last);
  return new Set(record.openCaseIds.filter((id) => !open.has(id)));
}

export type HandoverCardData = Awaited<ReturnType<typeof handoverCardData>>;

/** The cases a version handed on, as they stand now (one resolved later shows so). */
async function casesByIds(db: DbOrTx, teamId: string, ids: readonly number[], known: readonly HandoverCase[]): Promise<HandoverCase[]> {
  if (ids.length === 0) return [];
  const byId = new Map(known.map((c) => [c.id, c]));
  const open = await listOpenCases(db, teamId);
  for (const c of open) byId.set(c.id, c);
  const missing = ids.filter((id) => !byId.has(id));
  for (const c of await findCases(db, missing)) byId.set(c.id, c);
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** How many handovers `/handover history` lists. */
export const historyMax = 10;

/** The team's recent handovers and open cases, or those that mention `term`. */
export async function handoverHistory(deps: UseCaseDeps, person: Person, term: string) {
  const team = teamOf(deps, person);
  const search = term.trim() === '' ? undefined : term.trim();
  const [recent, openCases] = await Promise.all([
    listRecentHandovers(deps.db, { teamId: team.id, limit: historyMax, ...(search ? { term: search } : {}) }),
    searchOpenCases(deps.db, { teamId: team.id, ...(search ? { term: search } : {}) }),
  ]);
  const people = await peopleByIds(deps.db, [
    ...recent.flatMap((h) => [h.authorId, ...(h.takenOverBy ? [h.takenOverBy] : [])]),
    ...openCases.map((c) => c.ownerId),
  ]);
  return { team, handovers: recent, openCases, people, term: search };
}

type Reads = Pick<UseCaseDeps, 'db'>;

export const handoverRecipients = (deps: Reads, handoverId: number) => listRecipients(deps.db, handoverId);

/** Where the handover's card was posted to one incoming person, so later changes redraw it. */
export const recordRecipientCard = (
  deps: Reads,
  card: { handoverId: number; personId: string; channelId: string; messageTs: string },
): Promise<void> => setRecipientMessage(deps.db, card);

/** Where the handover was posted in the team's channel. */
export const recordHandoverPost = (deps: Reads, handoverId: number, post: Pick<Handover, 'channelId' | 'messageTs'>): Promise<void> =>
  updateHandover(deps.db, handoverId, post);

/** Who acts for the team on its handovers: its active leads, or for a team with none, whom its people's approvals pass up to. */
export const leadsOfTeam = (deps: Reads, teamId: string): Promise<string[]> => actorsOfTeam(deps, teamId);
