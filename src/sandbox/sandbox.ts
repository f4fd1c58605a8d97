import { AppError } from '../errors.js';
import { randomBytes } from 'node:crypto';
import type { CustomRoute } from '@slack/bolt';
import { rm } from 'node:fs/promises';
import { SettableClock } from '../clock.js';
import { openDatabase, type Database } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { listPeople } from '../db/queries/people.js';
import { syncTeams } from '../db/queries/teams.js';
import type { AppLogger } from '../logger.js';
import type { Person } from '../db/schema.js';
import type { Policy } from '../policy/policy-file.js';
import { monthOf, todayIn } from '../policy/time.js';
import { FakeSlack } from '../slack-standin/index.js';
import { createSlackSender, type SlackSender } from '../slack-standin/requests.js';
import type { Workspace } from '../slack-standin/workspace.js';
import { startShiftdesk, type RunningApp } from '../start.js';
import { attendanceSheetFile, buildAttendanceSheet } from '../use-cases/attendance-sheet.js';
import { pageRoutes } from './page.js';
import { seedDemo, type DemoFiles } from './seed.js';
import { sandboxUrl } from './setting-up.js';
import type { SandboxConversation, SandboxEvent, SandboxPerson, SandboxView } from './sandbox-view.js';

export type { SandboxConversation, SandboxEvent, SandboxPerson } from './sandbox-view.js';

export interface SandboxOptions {
  readonly port: number;
  readonly host: string;
  /** The embedded database's folder; Reset deletes and reseeds it. */
  readonly dataDir: string;
  readonly policy: Policy;
  readonly logger: AppLogger;
  readonly demo?: DemoFiles;
  /** Runs once the database is ready, just before the app listens on `port` (to free it). */
  readonly beforeListen?: () => Promise<void>;
  /** Where the clock starts (later than now only), for tests that need a given weekday; Reset goes back to real time. */
  readonly startAt?: Date;
}

/**
 * How far apart the scheduler ticks when the clock jumps, besides the moments the jobs name (every
 * handover reminder, take-over alert and missed deadline) and the moment landed on: every whole hour
 * (the report's reminders and deadline); what else falls due between two whole hours (a leave
 * approval's escalation) happens at the next one. A tick runs every job, a few hundred milliseconds.
 */
export const jumpStepMs = 60 * 60 * 1000;

/**
 * The sandbox: the real app in HTTP mode on its own embedded database, talking to a Slack stand-in
 * that keeps a workspace, with a page on the app's port where a visitor plays every person of the
 * demo department. Every click in the page becomes the signed request Slack would send.
 */
export class Sandbox implements SandboxView {
  private readonly listeners = new Set<(event: SandboxEvent) => void>();
  private database!: Database;
  private app!: RunningApp;
  private people: SandboxPerson[] = [];
  private port: number;
  private busy: Promise<void> = Promise.resolve();
  /** Changes when Reset has thrown everything away, so open pages start again. */
  generation = 1;
  private sender: SlackSender | undefined;
  private routes: CustomRoute[] | undefined;
  private listenedOnce = false;

  private constructor(
    readonly fake: FakeSlack,
    readonly clock: SettableClock,
    private readonly botToken: string,
    private readonly options: SandboxOptions,
  ) {
    this.port = options.port;
    this.workspace.onChange((change) => this.emit(change));
  }

  static async start(options: SandboxOptions): Promise<Sandbox> {
    const clock = new SettableClock();
    if (options.startAt) clock.set(options.startAt);
    const botToken = `xoxb-sandbox-${randomBytes(12).toString('hex')}`;
    const fake = await FakeSlack.start({ botToken, users: [], workspace: true, now: () => clock.now().getTime() });
    const sandbox = new Sandbox(fake, clock, botToken, options);
    try {
      await sandbox.open();
    } catch (error) {
      await fake.stop();
      throw error;
    }
    return sandbox;
  }

  /** Slack's side of the conversation: signed requests to the app's POST /slack/events. */
  get slack(): SlackSender {
    if (!this.sender) throw new AppError('sandbox.not_started', 'the sandbox has not started');
    return this.sender;
  }

  get workspace(): Workspace {
    return this.fake.workspace as Workspace;
  }

  get url(): string {
    return sandboxUrl(this.options.host, this.port);
  }

  get running(): RunningApp {
    return this.app;
  }

  get policy(): Policy {
    return this.options.policy;
  }

  everyone(): readonly SandboxPerson[] {
    return this.people;
  }

  person(id: string): SandboxPerson | undefined {
    return this.people.find((p) => p.id === id);
  }

  /** Who a visitor plays first: an agent of the policy's first team (the phone team in the demo), who works shifts. */
  defaultPerson(): SandboxPerson | undefined {
    const firstTeam = Object.keys(this.options.policy.teams)[0];
    return (
      this.people.find((p) => p.team === firstTeam && p.role === 'agent') ?? this.people.find((p) => p.role === 'agent') ?? this.people[0]
    );
  }

  /** The DM with the bot, then the channels of the person's team (everyone's for managers and above). */
  conversations(userId: string): SandboxConversation[] {
    const person = this.person(userId);
    if (!person) return [];
    const seesAll = !['agent', 'lead'].includes(person.role);
    const channels = [...this.workspace.channels.values()].filter((c) => seesAll || c.team === person.team);
    return [
      { id: this.fake.dmChannel(userId), name: 'shiftdesk', kind: 'dm' as const },
      ...channels.map((c) => ({ id: c.id, name: c.name, kind: 'channel' as const })),
    ];
  }

  /** The person's Slack time zone (the clock and datetimepickers use it): their own, else their team's. */
  zoneOf(userId: string | undefined): string {
    const person = this.person(userId ?? '');
    if (person?.timezone) return person.timezone;
    const team = person?.team;
    return (team && this.options.policy.teams[team]?.timezone) || this.options.policy.default_timezone;
  }

  onEvent(listener: (event: SandboxEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The person's Slack language as Slack's preferences would set it; the app learns it through users.list at once. */
  async setLocale(userId: string, locale: 'zh-CN' | 'en'): Promise<void> {
    this.workspace.setLocale(userId, locale === 'zh-CN' ? 'zh-CN' : 'en-US');
    this.people = this.people.map((p) => (p.id === userId ? { ...p, locale } : p));
    await this.app.locales.warm();
    this.emit({ kind: 'locale', userId });
  }

  /**
   * Moves the clock to `to`, ticking the scheduler at every quarter hour on the way (its own tick, so
   * every job due in between runs, in order), and waits for what the jobs sent.
   */
  jump(to: Date): Promise<void> {
    const run = async () => {
      const from = this.clock.now();
      if (to.getTime() <= from.getTime()) return;
      this.emit({ kind: 'clock', now: from.toISOString(), busy: true });
      await this.app.scheduler.advance(
        from,
        to,
        jumpStepMs,
        (at) => this.clock.set(at),
        () => this.app.settled(),
      );
      this.emit({ kind: 'clock', now: this.clock.now().toISOString(), busy: false });
    };
    const done = this.busy.then(run);
    this.busy = done.catch(() => undefined);
    return done;
  }

  /** Throws the database, the messages and the clock's lead away and seeds the demo again. */
  reset(): Promise<void> {
    const run = async () => {
      await this.close();
      await rm(this.options.dataDir, { recursive: true, force: true });
      this.fake.reset();
      this.clock.reset();
      await this.open();
      this.generation += 1;
      this.emit({ kind: 'reset', generation: this.generation });
    };
    const done = this.busy.then(run);
    this.busy = done.catch(() => undefined);
    return done;
  }

  async attendanceSheet(): Promise<{ month: string; file: string }> {
    const { policy } = this.options;
    const now = this.clock.now();
    const sheet = await buildAttendanceSheet(this.database.db, policy, monthOf(todayIn(now, policy.default_timezone)), now);
    return { month: sheet.month, file: attendanceSheetFile(sheet, policy) };
  }

  async stop(): Promise<void> {
    await this.busy;
    await this.close();
    await this.fake.stop();
  }

  private async open(): Promise<void> {
    const { policy, logger, dataDir } = this.options;
    // A new secret each time, as after reinstalling the app: only this process can sign for it.
    const signingSecret = randomBytes(24).toString('hex');
    const target = { kind: 'pglite', dataDir } as const;
    this.database = await openDatabase(target);
    try {
      await migrateDatabase(target, this.database);
      await this.database.db.transaction((tx) => syncTeams(tx, policy));
      await seedDemo(this.database.db, policy, this.clock.now(), this.options.demo);
      this.people = sandboxPeople(await listPeople(this.database.db), policy);
      this.meetEveryone();
      // Only the first start has a placeholder to free; Reset starts the app again on a port it just left.
      const beforeListen = this.listenedOnce ? undefined : this.options.beforeListen;
      this.listenedOnce = true;
      this.routes ??= pageRoutes(this);
      this.app = await startShiftdesk({
        ...(beforeListen ? { beforeListen } : {}),
        config: {
          slack: { mode: 'http', botToken: this.botToken, signingSecret, apiUrl: `${this.fake.url}/api/` },
          port: this.port,
          database: target,
        },
        database: this.database,
        policy,
        clock: this.clock,
        logger,
        routes: this.routes,
        host: this.options.host,
      });
    } catch (error) {
      await this.database.close();
      throw error;
    }
    this.port = this.app.port;
    this.sender = createSlackSender({ appUrl: `http://127.0.0.1:${this.port}/slack/events`, signingSecret, fake: this.fake });
  }

  private async close(): Promise<void> {
    this.emit({ kind: 'closing' });
    await this.app.stop();
    await this.database.close();
  }

  /** Everyone in the org is a member of the stand-in's workspace, with a Slack language and zone. */
  private meetEveryone(): void {
    for (const person of this.people) {
      const known = this.fake.user(person.id);
      this.fake.addUser({
        id: person.id,
        name: person.name,
        locale: known?.locale ?? (person.locale === 'zh-CN' ? 'zh-CN' : 'en-US'),
        tz: this.zoneOf(person.id),
      });
    }
    for (const [teamId, team] of Object.entries(this.options.policy.teams)) {
      if (team.announce_channel)
        this.workspace.addChannel({ id: team.announce_channel, name: `${teamId.replaceAll('_', '-')}-announce`, team: teamId });
      if (team.handover_channel)
        this.workspace.addChannel({ id: team.handover_channel, name: `${teamId.replaceAll('_', '-')}-handover`, team: teamId });
    }
  }

  private emit(event: SandboxEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

function sandboxPeople(people: readonly Person[], policy: Policy): SandboxPerson[] {
  const order = ['agent', 'lead', 'manager', 'gm', 'qa', 'hr'];
  return people
    .filter((p) => p.active)
    .map((p) => ({
      id: p.slackId,
      name: p.name,
      role: p.role,
      team: p.teamId,
      locale: (p.locale ?? policy.default_locale) === 'zh-CN' ? ('zh-CN' as const) : ('en' as const),
      ...(p.timezone ? { timezone: p.timezone } : {}),
    }))
    .sort((a, b) => a.team.localeCompare(b.team) || order.indexOf(a.role) - order.indexOf(b.role) || a.id.localeCompare(b.id));
}
