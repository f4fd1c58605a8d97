import { boolean, date, index, integer, numeric, pgEnum, pgTable, primaryKey, serial, text, timestamp, unique, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { roles } from '../policy/policy-file.js';

export const roleEnum = pgEnum('role', roles);
export const rosterStatusEnum = pgEnum('roster_status', ['scheduled', 'on_leave', 'swapped']);

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** Teams are defined in the policy file and copied here at start-up, so people and roster rows can refer to them. */
export const teams = pgTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  announceChannel: text('announce_channel'),
  handoverChannel: text('handover_channel'),
  ...timestamps,
});

export const teamShiftMinimums = pgTable(
  'team_shift_minimums',
  {
    teamId: text('team_id').notNull().references(() => teams.id),
    shiftCode: text('shift_code').notNull(),
    minimum: integer('minimum').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.shiftCode] })],
);

export const people = pgTable(
  'people',
  {
    slackId: text('slack_id').primaryKey(),
    name: text('name').notNull(),
    teamId: text('team_id').notNull().references(() => teams.id),
    role: roleEnum('role').notNull(),
    reportsTo: text('reports_to').references((): AnyPgColumn => people.slackId),
    /** zh-CN or en when the org file sets one; otherwise Slack's locale decides. */
    locale: text('locale'),
    timezone: text('timezone'),
    /** Days per year; null means the policy's default. */
    annualLeaveDays: numeric('annual_leave_days', { precision: 5, scale: 1, mode: 'number' }),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [index('people_team_idx').on(t.teamId), index('people_reports_to_idx').on(t.reportsTo)],
);

/** One row per person, day and shift; `date` is the day the shift starts in the team's time zone. */
export const rosterEntries = pgTable(
  'roster_entries',
  {
    id: serial('id').primaryKey(),
    personId: text('person_id').notNull().references(() => people.slackId),
    teamId: text('team_id').notNull().references(() => teams.id),
    date: date('date', { mode: 'string' }).notNull(),
    shiftCode: text('shift_code').notNull(),
    status: rosterStatusEnum('status').notNull().default('scheduled'),
    ...timestamps,
  },
  (t) => [
    unique('roster_entries_person_date_shift_key').on(t.personId, t.date, t.shiftCode),
    index('roster_entries_team_date_idx').on(t.teamId, t.date),
    index('roster_entries_date_idx').on(t.date),
  ],
);

export type Team = typeof teams.$inferSelect;
export type Person = typeof people.$inferSelect;
export type NewPerson = typeof people.$inferInsert;
export type RosterEntry = typeof rosterEntries.$inferSelect;
export type NewRosterEntry = typeof rosterEntries.$inferInsert;
