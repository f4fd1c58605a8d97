/**
 * `npm run calendar -- token <team>`: a new secret link to the team's leave calendar, printed once;
 * `npm run calendar -- token <team> --revoke`: every link of the team stops working.
 * Exit status: 0 done, 1 unknown team (or the command cannot run), 2 usage.
 */
import { loadLinkBase } from '../config.js';
import { issueCalendarToken, revokeCalendarTokens } from '../use-cases/calendar.js';
import { parseCliArgs, type ArgsProblem } from './args.js';
import { reportFailure, runAsProgram, startCli, withCliDatabase, type CliIo } from './environment.js';
import { usageError } from './print.js';
import { systemClock } from '../clock.js';

export async function runCalendar(argv: readonly string[], io: CliIo): Promise<number> {
  const started = startCli(argv, io, 'calendar.usage');
  if (typeof started === 'number') return started;
  const { setup, say } = started;
  const command = calendarCommand(argv);
  if ('problem' in command) return usageError(io, say, command.problem, 'calendar.usage');
  let link: ReturnType<typeof loadLinkBase>;
  try {
    link = loadLinkBase(io.env);
  } catch (error) {
    return reportFailure(error, io);
  }
  return withCliDatabase(setup, io, async (database) => {
    const deps = { db: database.db, policy: setup.policy, clock: systemClock };
    const result = command.revoke ? await revokeCalendarTokens(deps, command.team) : await issueCalendarToken(deps, command.team);
    if (result.kind === 'unknown_team') {
      io.stderr.write(`${say('calendar.unknown_team', { value: command.team, known: result.known.join(', ') })}\n`);
      return 1;
    }
    const team = result.team.label[setup.locale];
    if (result.kind === 'revoked') {
      io.stdout.write(`${say(result.count > 0 ? 'calendar.revoked' : 'calendar.nothing_to_revoke', { team, count: result.count })}\n`);
      return 0;
    }
    const url = `${link.base}/calendar/${encodeURIComponent(result.team.id)}.ics?token=${result.token}`;
    io.stdout.write(`${say('calendar.issued', { team })}\n${say('calendar.token_line', { token: result.token })}\n`);
    io.stdout.write(`${say('calendar.url_line', { url })}\n`);
    if (!link.publicUrl) io.stdout.write(`${say('calendar.no_public_url', { base: link.base })}\n`);
    return 0;
  });
}

function calendarCommand(argv: readonly string[]): { team: string; revoke: boolean } | { problem: ArgsProblem } {
  const parsed = parseCliArgs(argv, { flags: ['--revoke'], values: [] });
  if ('problem' in parsed) return parsed;
  const [command, team, extra] = parsed.args.positionals;
  if (command === undefined) return { problem: { code: 'calendar.missing_command', params: {} } };
  if (command !== 'token') return { problem: { code: 'calendar.unknown_command', params: { value: command } } };
  if (team === undefined) return { problem: { code: 'calendar.missing_team', params: {} } };
  if (extra !== undefined) return { problem: { code: 'import.extra_argument', params: { value: extra } } };
  return { team, revoke: parsed.args.flags.has('--revoke') };
}

runAsProgram(import.meta.url, runCalendar);
