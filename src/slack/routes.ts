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
import { homeStartClicked, startHandover, startLeave, startReport, startSwap } from './home/start.js';
import { teamWeekClicked } from './home/team-week.js';
import { compTimeAdjustClicked, compTimeAdjustSubmitted, compTimeApproveClicked } from './attendance/comp-time-handlers.js';
import { commands, compTimeIds, events, handoverIds, homeIds, homeStartIds, leaveIds, reportIds, swapIds } from './ids.js';
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
import type { Router } from './route-table.js';
import type { SlackServices } from './services.js';
import { reportCommand } from './report/command.js';
import { reportOpenClicked, reportSubmitted } from './report/handlers.js';
import { reportNotifier } from './report/notify.js';
import { swapCommand } from './swap/command.js';
import { coverAcceptClicked, leaveFindCoverClicked } from './swap/cover.js';
import {
  swapAnswerClicked,
  swapCancelClicked,
  swapDecisionClicked,
  swapFormChanged,
  swapRejectClicked,
  swapRejectReasonSubmitted,
  swapSubmitted,
} from './swap/handlers.js';

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
  app.view(
    reportIds.view,
    reportSubmitted(deps, services, (client) => reportNotifier(client, services.bulk, deps, services.locales)),
  );
  app.event(events.appHomeOpened, homeOpened(deps, services.locales));
  app.action(homeIds.page, homePageClicked(deps, services.locales));
  app.action(homeIds.pageFirst, homePageClicked(deps, services.locales));
  app.action(homeStartIds.requestLeave, homeStartClicked(deps, startLeave));
  app.action(homeStartIds.swapShift, homeStartClicked(deps, startSwap));
  app.action(homeStartIds.writeHandover, homeStartClicked(deps, startHandover));
  app.action(homeStartIds.weeklySummary, homeStartClicked(deps, startReport));
  app.action(homeIds.teamWeek, teamWeekClicked(deps));
  app.action(compTimeIds.approve, compTimeApproveClicked(deps, services.locales));
  app.action(compTimeIds.adjust, compTimeAdjustClicked(deps));
  app.view(compTimeIds.adjustView, compTimeAdjustSubmitted(deps, services.locales));
}
