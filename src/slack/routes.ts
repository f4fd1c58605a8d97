import type { UseCaseDeps } from '../use-cases/deps.js';
import { commandListener } from './commands/router.js';
import { handoverCommand } from './handover/command.js';
import {
  handoverAmendClicked,
  handoverModalChanged,
  handoverOpenClicked,
  handoverRefusalSubmitted,
  handoverRefuseClicked,
  handoverSubmitted,
  handoverTakeOverClicked,
} from './handover/handlers.js';
import { homeOpened, homePageClicked } from './home/handlers.js';
import { homeIds } from './home/ids.js';
import type { HomeRepublisher } from './home/republish.js';
import { commands, events, handoverIds, leaveIds, reportIds, swapIds } from './ids.js';
import { leaveCommand } from './leave/command.js';
import {
  leaveApproveClicked,
  leaveAttachProofClicked,
  leaveDatePicked,
  leaveProofSubmitted,
  leaveRejectClicked,
  leaveRejectReasonSubmitted,
  leaveSubmitted,
  leaveWithdrawClicked,
} from './leave/handlers.js';
import type { AfterAck } from './after-ack.js';
import type { Outbox } from '../use-cases/outbox.js';
import type { Router } from './route-table.js';
import type { SlackLocales } from './locale-cache.js';
import { reportCommand } from './report/command.js';
import { reportOpenClicked, reportSubmitted } from './report/handlers.js';
import { reportNotifier } from './report/notify.js';
import type { BulkSender } from './bulk-dm.js';
import { swapCommand } from './swap/command.js';
import { coverAcceptClicked, leaveFindCoverClicked } from './swap/cover.js';
import { swapAnswerClicked, swapCancelClicked, swapDecisionClicked, swapFormChanged, swapRejectClicked, swapRejectReasonSubmitted, swapSubmitted } from './swap/handlers.js';

/** What listeners share beyond the use cases: the Slack locale cache (for messages to other people), and the after-ack queue. */
export interface SlackServices {
  readonly locales: SlackLocales;
  readonly afterAck: AfterAck;
  /** Direct messages to many people at once, paced by Slack's rate limits. */
  readonly bulk: BulkSender;
  /** Where a checked submission is stored before the ack and written after it. */
  readonly submissions: Outbox;
  /** Draws again the Homes that show a changed item. */
  readonly homes: HomeRepublisher;
}

/** Every entry point Slack can reach, one line each. */
export function registerRoutes(app: Router, deps: UseCaseDeps, services: SlackServices): void {
  app.command(commands.leave, commandListener(leaveCommand, deps));
  app.action(leaveIds.datePicked, leaveDatePicked(deps));
  app.view(leaveIds.requestView, leaveSubmitted(deps, services));
  app.action(leaveIds.approve, leaveApproveClicked(deps, services.locales));
  app.action(leaveIds.reject, leaveRejectClicked(deps));
  app.view(leaveIds.rejectView, leaveRejectReasonSubmitted(deps, services.locales));
  app.action(leaveIds.withdraw, leaveWithdrawClicked(deps, services.locales));
  app.action(leaveIds.attachProof, leaveAttachProofClicked());
  app.view(leaveIds.proofView, leaveProofSubmitted(deps, services.locales));
  app.command(commands.swap, commandListener(swapCommand, deps));
  app.action(swapIds.formChanged, swapFormChanged(deps));
  app.view(swapIds.requestView, swapSubmitted(deps, services));
  app.action(swapIds.accept, swapAnswerClicked(deps, services, true));
  app.action(swapIds.decline, swapAnswerClicked(deps, services, false));
  app.action(swapIds.approve, swapDecisionClicked(deps, services, true));
  app.action(swapIds.reject, swapRejectClicked(deps));
  app.view(swapIds.rejectView, swapRejectReasonSubmitted(deps, services));
  app.action(swapIds.cancel, swapCancelClicked(deps, services));
  app.action(leaveIds.findCover, leaveFindCoverClicked(deps, services.locales));
  app.action(swapIds.coverAccept, coverAcceptClicked(deps, services.locales));
  app.command(commands.handover, commandListener(handoverCommand, deps));
  app.action(handoverIds.shiftPicked, handoverModalChanged(deps));
  app.action(handoverIds.addCase, handoverModalChanged(deps));
  app.view(handoverIds.writeView, handoverSubmitted(deps, services));
  app.action(handoverIds.takeOver, handoverTakeOverClicked(deps, services.locales));
  app.action(handoverIds.refuse, handoverRefuseClicked(deps, services.locales));
  app.view(handoverIds.refuseView, handoverRefusalSubmitted(deps, services.locales));
  app.action(handoverIds.amend, handoverAmendClicked(deps));
  app.action(handoverIds.open, handoverOpenClicked(deps));
  app.command(commands.report, commandListener(reportCommand, deps));
  app.action(reportIds.open, reportOpenClicked(deps));
  app.view(reportIds.view, reportSubmitted(deps, services, (client) => reportNotifier(client, services.bulk, deps, services.locales)));
  app.event(events.appHomeOpened, homeOpened(deps, services.locales));
  app.action(homeIds.page, homePageClicked(deps, services.locales));
  app.action(homeIds.pageFirst, homePageClicked(deps, services.locales));
}
