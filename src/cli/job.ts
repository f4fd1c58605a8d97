/**
 * `npm run job -- <name> --at 2026-11-28T17:00`: runs one scheduled job for the given moment, through
 * the same code as the app's scheduler (a weekly reminder or digest already sent for its period is not
 * sent again). A time without Z or an offset is read in the policy's default time zone.
 * Exit status: 0 ran, 1 the job, one of its items (each listed in a line) or the command failed, 2 usage.
 */
import { DateTime } from 'luxon';
import { webApi } from '@slack/bolt';
import { systemClock, type Clock } from '../clock.js';
import { loadSlackWebConfig } from '../config.js';
import { allJobs } from '../jobs/index.js';
import { failureCollectingLogger } from '../jobs/item-failures.js';
import type { Job } from '../jobs/scheduler.js';
import { BulkSender, bulkClient } from '../slack/bulk-dm.js';
import { SlackLocales } from '../slack/locale-cache.js';
import { limitsGuardedFetch } from '../slack/slack-limits-guard.js';
import { deadlinedClientOptions, SlackCutoff } from '../slack/slack-deadline.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import { translator } from '../i18n/t.js';
import { parseCliArgs } from './args.js';
import { loadCliSetup, reportFailure, runAsProgram, withCliDatabase, type CliIo } from './environment.js';

const fixedClock = (at: Date): Clock => ({ now: () => at });

/**
 * The jobs the scheduler runs, by name (building them calls nothing), and the Slack languages they
 * write in: the same cache as the app's, which `warm` fills with users.list before a job runs.
 */
function buildJobs(deps: UseCaseDeps, slack: { botToken: string; apiUrl?: string }): { jobs: Job[]; locales: SlackLocales } {
  const client = new webApi.WebClient(slack.botToken, {
    ...deadlinedClientOptions(new SlackCutoff(), limitsGuardedFetch(deps.logger)),
    ...(slack.apiUrl === undefined ? {} : { slackApiUrl: slack.apiUrl }),
  });
  const locales = new SlackLocales(client, deps.clock, deps.logger);
  return { jobs: allJobs(deps, { client, bulk: new BulkSender(bulkClient(slack, deps.logger), deps.logger), locales }), locales };
}

export function parseAt(text: string, timeZone: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(text)) return undefined;
  const parsed = DateTime.fromISO(text, { zone: timeZone });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}

export async function runJobCommand(argv: readonly string[], io: CliIo): Promise<number> {
  let setup: ReturnType<typeof loadCliSetup>;
  try {
    setup = loadCliSetup(io);
  } catch (error) {
    return reportFailure(error, io);
  }
  const say = translator(setup.locale);
  const { logger, failures } = failureCollectingLogger(setup.storage.logLevel);
  const names = buildJobs(
    { db: undefined as never, clock: systemClock, policy: setup.policy, logger },
    { botToken: 'xoxb-unused' },
  ).jobs.map((job) => job.name);
  const jobs = names.join(', ');
  const usage = (key: Parameters<typeof say>[0], params: Record<string, string> = {}) => {
    io.stderr.write(`${say(key, { jobs, ...params })}\n`);
    return 2;
  };
  if (argv.includes('--help')) {
    io.stdout.write(`${say('job.usage', { jobs })}\n`);
    return 0;
  }
  const parsed = parseCliArgs(argv, { flags: [], values: ['--at'] });
  if ('problem' in parsed)
    return usage(parsed.problem.code, Object.fromEntries(Object.entries(parsed.problem.params).map(([k, v]) => [k, String(v)])));
  const [name, extra] = parsed.args.positionals;
  if (name === undefined) return usage('job.missing_name');
  if (!names.includes(name) || extra !== undefined) return usage('job.unknown', { name: extra ?? name });
  const atText = parsed.args.values.get('--at');
  if (atText === undefined) return usage('job.missing_at');
  const at = parseAt(atText, setup.policy.default_timezone);
  if (at === undefined) return usage('job.bad_at', { value: atText, timezone: setup.policy.default_timezone });

  let slack: ReturnType<typeof loadSlackWebConfig>;
  try {
    slack = loadSlackWebConfig(io.env);
  } catch (error) {
    return reportFailure(error, io);
  }
  return withCliDatabase(setup, io, async (database) => {
    const deps: UseCaseDeps = { db: database.db, clock: fixedClock(at), policy: setup.policy, logger };
    const built = buildJobs(deps, slack);
    const job = built.jobs.find((j) => j.name === name) as Job;
    await built.locales.warm();
    await job.run(at);
    if (failures.length === 0) {
      io.stdout.write(`${say('job.ran', { name, at: at.toISOString() })}\n`);
      return 0;
    }
    for (const failure of failures) io.stderr.write(`${say('job.item_failed', { ...failure })}\n`);
    io.stderr.write(`${say('job.ran_with_failures', { name, at: at.toISOString(), count: String(failures.length) })}\n`);
    return 1;
  });
}

runAsProgram(import.meta.url, runJobCommand);
