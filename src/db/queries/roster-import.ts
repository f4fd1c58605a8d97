/**
 * A roster file's rows staged in temporary tables of the import's transaction, so that the checks
 * that look across rows (duplicates, overlaps, the roster's statuses, shifts the file would drop) and
 * the write run in the database, set by set, however long the file. The tables go when the
 * transaction ends.
 */
import { sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../errors.js';
import type { RosterStatus } from '../../policy/roster-status.js';
import type { LocalDate } from '../../policy/time.js';
import type { Tx } from '../client.js';
import { copyRows } from '../copy-rows.js';
import { txClient } from '../tx-client.js';

/** A row of the file as staged: `shift` set once its date, shift code and person are readable. */
export interface StagedRosterRow {
  readonly line: number;
  /** The cells as written (trimmed): a duplicate is the same three cells again. */
  readonly slackId: string;
  readonly dateText: string;
  readonly shiftText: string;
  readonly status: string;
  readonly shift?: {
    readonly teamId: string;
    readonly date: LocalDate;
    /** Imported only when valid (the person active, the shift one of their team's). */
    readonly valid: boolean;
    /** When it runs, as ISO instants (undefined: a code the policy does not define, never valid). */
    readonly startsAt?: string;
    readonly endsAt?: string;
  };
}

export interface RosterScopeDates {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

export async function createRosterStaging(tx: Tx): Promise<void> {
  await tx.execute(sql`
    create temporary table roster_import_rows (
      line integer not null,
      slack_id text not null,
      date_text text not null,
      shift text not null,
      status text not null,
      team_id text,
      day date,
      valid boolean not null,
      duplicate boolean not null default false,
      starts_at timestamptz,
      ends_at timestamptz
    ) on commit drop`);
  await tx.execute(sql`create temporary table roster_import_people (slack_id text primary key) on commit drop`);
  await tx.execute(sql`
    create temporary table roster_import_kept (
      person_id text not null, shift_code text not null, day date not null, starts_at timestamptz not null, ends_at timestamptz not null
    ) on commit drop`);
}

/** One COPY for many rows. */
export async function stageRosterRows(tx: Tx, rows: readonly StagedRosterRow[]): Promise<void> {
  await copyRows(
    tx,
    'roster_import_rows',
    ['line', 'slack_id', 'date_text', 'shift', 'status', 'team_id', 'day', 'valid', 'starts_at', 'ends_at'],
    rows.map((r) => [
      r.line,
      r.slackId,
      r.dateText,
      r.shiftText,
      r.status,
      r.shift?.teamId,
      r.shift?.date,
      r.shift?.valid ?? false,
      r.shift?.startsAt,
      r.shift?.endsAt,
    ]),
  );
}

/** The people the file names, whose roster it replaces within its dates. */
export async function stageRosterPeople(tx: Tx, slackIds: readonly string[]): Promise<void> {
  await copyRows(
    tx,
    'roster_import_people',
    ['slack_id'],
    [...new Set(slackIds)].map((id) => [id]),
  );
  await tx.execute(sql`create index on roster_import_rows (slack_id, day, shift)`);
  await tx.execute(sql`analyze roster_import_rows`);
  await tx.execute(sql`analyze roster_import_people`);
}

/** Rows repeating the cells of an earlier line, marked so that only the first stands for its shift. */
export async function markDuplicateRows(tx: Tx): Promise<{ line: number; first: number }[]> {
  const found = rowsOf<{ line: number; first: number }>(
    await tx.execute(sql`
      select line, first from (
        select line, min(line) over (partition by slack_id, date_text, shift) as first from roster_import_rows
      ) d where line <> first order by line`),
  );
  for (let i = 0; i < found.length; i += 10_000) {
    const lines = arrayLiteral(found.slice(i, i + 10_000).map((d) => d.line));
    await tx.execute(sql`update roster_import_rows set duplicate = true where line = any(${lines}::integer[])`);
  }
  return found;
}

/** Rows with a known status cell, beside the status the roster has for their shift (none: a shift the file adds). */
export async function stagedStatuses(tx: Tx): Promise<{ line: number; status: string; roster: RosterStatus | null }[]> {
  return rowsOf(
    await tx.execute(sql`
      select s.line, s.status, r.status as roster
      from roster_import_rows s
      left join roster_entries r on r.person_id = s.slack_id and r.date = s.day and r.shift_code = s.shift
      where s.day is not null and s.status in ('scheduled', 'on_leave', 'swapped')
        and s.status is distinct from coalesce(r.status::text, 'scheduled')`),
  );
}

/** Roster rows of the file's people within its dates that no valid row lists and that are on leave or swapped. */
export async function shiftsTheFileWouldDrop(tx: Tx, scope: RosterScopeDates) {
  const rows = rowsOf<{ id: number; personId: string; teamId: string; date: string; shiftCode: string; status: RosterStatus }>(
    await tx.execute(sql`
      select r.id, r.person_id as "personId", r.team_id as "teamId", r.date::text as date, r.shift_code as "shiftCode", r.status
      from roster_entries r join roster_import_people p on p.slack_id = r.person_id
      where r.date between ${scope.from} and ${scope.to} and r.status <> 'scheduled' and ${notListed(sql`r`)}
      order by r.date, r.person_id, r.shift_code`),
  );
  return rows.map((r) => ({ ...r, date: r.date as LocalDate }));
}

/** Scheduled rows of the file's people on the day before and the day after its dates: the import keeps them, and they may overlap its first and last days. */
export async function scheduledJustOutside(tx: Tx, scope: RosterScopeDates) {
  const rows = rowsOf<{ personId: string; teamId: string; date: string; shiftCode: string }>(
    await tx.execute(sql`
      select r.person_id as "personId", r.team_id as "teamId", r.date::text as date, r.shift_code as "shiftCode"
      from roster_entries r join roster_import_people p on p.slack_id = r.person_id
      where r.status = 'scheduled' and (r.date = ${scope.from}::date - 1 or r.date = ${scope.to}::date + 1)`),
  );
  return rows.map((r) => ({ ...r, date: r.date as LocalDate }));
}

export async function stageKeptShifts(
  tx: Tx,
  rows: readonly { personId: string; shiftCode: string; date: LocalDate; startsAt: Date; endsAt: Date }[],
): Promise<void> {
  await copyRows(
    tx,
    'roster_import_kept',
    ['person_id', 'shift_code', 'day', 'starts_at', 'ends_at'],
    rows.map((r) => [r.personId, r.shiftCode, r.date, r.startsAt.toISOString(), r.endsAt.toISOString()]),
  );
}

export interface OverlapRow {
  readonly line: number | null;
  readonly personId: string;
  readonly shiftCode: string;
  readonly date: string;
}

/**
 * Every two shifts of one person that overlap, among the valid rows (unless the roster has their shift
 * on leave or swapped away) and the kept rows just outside the file's dates. Each person's shifts in
 * start order: a shift overlapping an earlier one is found by the latest end before it, and only those
 * few are paired with the shifts they overlap.
 */
export async function overlappingShifts(tx: Tx): Promise<{ a: OverlapRow; b: OverlapRow }[]> {
  const rows = rowsOf<{
    aLine: number | null;
    aShift: string;
    aDate: string;
    bLine: number | null;
    bShift: string;
    bDate: string;
    personId: string;
  }>(
    await tx.execute(sql`
      with occupied as materialized (
        select s.line, s.slack_id as person_id, s.shift, s.day, s.starts_at, s.ends_at, s.line as seq
        from roster_import_rows s
        where s.valid and not s.duplicate and not exists (
          select 1 from roster_entries r
          where r.person_id = s.slack_id and r.date = s.day and r.shift_code = s.shift and r.status <> 'scheduled'
        )
        union all
        select null, person_id, shift_code, day, starts_at, ends_at, 0 from roster_import_kept
      ), later as (
        select * from (
          select o.*, max(ends_at) over (partition by person_id order by starts_at, seq rows between unbounded preceding and 1 preceding) as earlier_end
          from occupied o
        ) w where earlier_end > starts_at
      )
      select a.line as "aLine", a.shift as "aShift", a.day::text as "aDate",
             b.line as "bLine", b.shift as "bShift", b.day::text as "bDate", b.person_id as "personId"
      from later b join occupied a on a.person_id = b.person_id
        and (a.starts_at, a.seq) < (b.starts_at, b.seq) and a.ends_at > b.starts_at`),
  );
  return rows.map((r) => ({
    a: { line: r.aLine, personId: r.personId, shiftCode: r.aShift, date: r.aDate },
    b: { line: r.bLine, personId: r.personId, shiftCode: r.bShift, date: r.bDate },
  }));
}

/** Removes the scheduled shifts of the file's people within its dates that no valid row lists. */
export async function deleteUnlistedShifts(tx: Tx, scope: RosterScopeDates): Promise<number> {
  return countOf(
    await tx.execute(sql`
      with removed as (
        delete from roster_entries r using roster_import_people p
        where p.slack_id = r.person_id and r.date between ${scope.from} and ${scope.to} and r.status = 'scheduled' and ${notListed(sql`r`)}
        returning 1
      ) select count(*)::integer as n from removed`),
  );
}

/** Adds the valid rows' shifts the roster does not have yet, as scheduled. */
export async function insertListedShifts(tx: Tx): Promise<{ added: number; listed: number }> {
  const listed = countOf(await tx.execute(sql`select count(*)::integer as n from roster_import_rows where valid and not duplicate`));
  const bulk = await bulkLoadOf(tx, listed);
  if (bulk) return { added: await insertInBulk(tx, bulk), listed };
  const added = countOf(
    await tx.execute(sql`
      with added as (
        insert into roster_entries (person_id, team_id, date, shift_code)
        select slack_id, team_id, day, shift from roster_import_rows where valid and not duplicate
        on conflict (person_id, date, shift_code) do nothing
        returning 1
      ) select count(*)::integer as n from added`),
  );
  return { added, listed };
}

/** Fewer rows than this go in row by row through the keys' checks and the indexes, however small the roster. */
const bulkLoadRows = 20_000;

interface BulkLoad {
  /** The indexes dropped and built again after the load. */
  readonly rebuildIndexes: boolean;
}

/**
 * How a load of many rows goes faster, when it can: with the keys checked once for the whole load
 * instead of row by row (superuser only: the embedded database's user is one, a PostgreSQL role may
 * be), and, against the roster's size, with the indexes built afresh (one sort) rather than kept up row
 * by row. That only on the embedded database: its transactions run one at a time, so no one else ever
 * sees the roster without them; on PostgreSQL dropping them would stop every copy's reads until the commit.
 */
async function bulkLoadOf(tx: Tx, rows: number): Promise<BulkLoad | undefined> {
  if (rows < bulkLoadRows) return undefined;
  const [superuser] = rowsOf<{ yes: boolean }>(await tx.execute(sql`select current_setting('is_superuser') = 'on' as yes`));
  if (superuser?.yes !== true) return undefined;
  if (txClient(tx).kind !== 'pglite') return { rebuildIndexes: false };
  const held = countOf(
    await tx.execute(sql`select greatest(reltuples, 0)::integer as n from pg_class where oid = 'roster_entries'::regclass`),
  );
  return { rebuildIndexes: rows >= held / 2 };
}

/**
 * The same rows as `insertListedShifts`, with the foreign keys and change triggers off for the one
 * statement (and the indexes, when `rebuildIndexes`, dropped and built again after): the keys are
 * checked here once for the whole load, their rows locked as the keys' own checks would lock them, and
 * the notice the triggers would send, the people whose roster changed, is sent here.
 */
async function insertInBulk(tx: Tx, { rebuildIndexes }: BulkLoad): Promise<number> {
  await tx.execute(sql`
    select count(*) from (
      select 1 from people where slack_id in (select slack_id from roster_import_people) for key share
    ) people_named`);
  await tx.execute(sql`
    select count(*) from (
      select 1 from teams where id in (select team_id from roster_import_rows where valid) for key share
    ) teams_named`);
  const unknown = await tx.execute(sql`
    select 1 from roster_import_people ip
    where exists (select 1 from roster_import_rows s where s.slack_id = ip.slack_id and s.valid)
      and not exists (select 1 from people p where p.slack_id = ip.slack_id)
    union all
    select 1 from (select distinct team_id from roster_import_rows where valid) t
    where not exists (select 1 from teams where teams.id = t.team_id)
    limit 1`);
  if (rowsOf(unknown).length > 0)
    throw new AppError('roster.unknown_reference', 'roster rows name a person or team the database does not have');
  await tx.execute(sql`set local session_replication_role = replica`);
  if (rebuildIndexes) {
    await tx.execute(sql`alter table roster_entries drop constraint roster_entries_person_date_shift_key`);
    await tx.execute(sql`drop index roster_entries_team_date_idx`);
    await tx.execute(sql`drop index roster_entries_date_idx`);
  }
  // with the unique key dropped, the rows already there are left out by hand; with it kept, a row a
  // concurrent copy has just written for the same shift is left out by the key
  const added = countOf(
    await tx.execute(sql`
      with added as (
        insert into roster_entries (person_id, team_id, date, shift_code)
        select s.slack_id, s.team_id, s.day, s.shift from roster_import_rows s
        where s.valid and not s.duplicate and not exists (
          select 1 from roster_entries r where r.person_id = s.slack_id and r.date = s.day and r.shift_code = s.shift
        )
        ${rebuildIndexes ? sql`` : sql`on conflict (person_id, date, shift_code) do nothing`}
        returning person_id
      ), noticed as (
        select pg_notify('shiftdesk_people_changed', person_id) from (select distinct person_id from added) changed
      ) select (select count(*) from added)::integer as n, (select count(*) from noticed) as people`),
  );
  if (rebuildIndexes) {
    await tx.execute(
      sql`alter table roster_entries add constraint roster_entries_person_date_shift_key unique (person_id, date, shift_code)`,
    );
    await tx.execute(sql`create index roster_entries_team_date_idx on roster_entries using btree (team_id, date)`);
    await tx.execute(sql`create index roster_entries_date_idx on roster_entries using btree (date)`);
  }
  await tx.execute(sql`set local session_replication_role = origin`);
  return added;
}

function notListed(roster: SQL): SQL {
  return sql`not exists (
    select 1 from roster_import_rows s where s.valid and s.slack_id = ${roster}.person_id and s.day = ${roster}.date and s.shift = ${roster}.shift_code
  )`;
}

/** A PostgreSQL array literal (one parameter however many values): every element quoted, undefined as NULL. */
function arrayLiteral(values: readonly (string | number | boolean | undefined)[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === undefined) parts[i] = 'NULL';
    else if (typeof value !== 'string') parts[i] = String(value);
    else parts[i] = `"${value.replace(/[\\"]/g, '\\$&')}"`;
  }
  return `{${parts.join(',')}}`;
}

/** Result rows of `execute`: PGlite answers `{ rows }`, postgres.js an array. */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

function countOf(result: unknown): number {
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}
