import { eq, sql } from 'drizzle-orm';
import type { Policy } from '../../policy/policy-file.js';
import type { DbOrTx } from '../client.js';
import { teams, teamShiftMinimums } from '../schema.js';

/** Copies the policy file's teams into the database (names in the department's default language). */
export async function syncTeams(db: DbOrTx, policy: Policy): Promise<void> {
  const defs = Object.values(policy.teams);
  if (defs.length === 0) return;
  await db
    .insert(teams)
    .values(
      defs.map((t) => ({
        id: t.id,
        name: t.label[policy.default_locale],
        timezone: t.timezone,
        announceChannel: t.announce_channel ?? null,
        handoverChannel: t.handover_channel ?? null,
      })),
    )
    .onConflictDoUpdate({
      target: teams.id,
      set: {
        name: sql`excluded.name`,
        timezone: sql`excluded.timezone`,
        announceChannel: sql`excluded.announce_channel`,
        handoverChannel: sql`excluded.handover_channel`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`(${teams.name}, ${teams.timezone}, ${teams.announceChannel}, ${teams.handoverChannel})
        is distinct from (excluded.name, excluded.timezone, excluded.announce_channel, excluded.handover_channel)`,
    });
  await db.delete(teamShiftMinimums);
  const minimums = defs.flatMap((t) =>
    Object.entries(t.min_staffing).map(([shiftCode, minimum]) => ({ teamId: t.id, shiftCode, minimum })),
  );
  if (minimums.length > 0) await db.insert(teamShiftMinimums).values(minimums);
}

/** Locks the team's row until the transaction ends: approvals that change its staffing take turns. */
export async function lockTeam(tx: DbOrTx, teamId: string): Promise<void> {
  await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).for('update');
}
