import type { App } from '@slack/bolt';
import type { UseCaseDeps } from '../use-cases/deps.js';
import { commandListener } from './commands/router.js';
import { handoverCommand } from './handover/command.js';
import { homeOpened } from './home/handlers.js';
import { commands, events } from './ids.js';
import { leaveCommand } from './leave/command.js';
import { reportCommand } from './report/command.js';
import { swapCommand } from './swap/command.js';

/** The part of Bolt's App that registers listeners; a test can record registrations through it. */
export type Router = Pick<App, 'command' | 'event' | 'action' | 'view'>;

/** Every entry point Slack can reach, one line each. */
export function registerRoutes(app: Router, deps: UseCaseDeps): void {
  app.command(commands.leave, commandListener(leaveCommand, deps));
  app.command(commands.swap, commandListener(swapCommand, deps));
  app.command(commands.handover, commandListener(handoverCommand, deps));
  app.command(commands.report, commandListener(reportCommand, deps));
  app.event(events.appHomeOpened, homeOpened(deps));
}
