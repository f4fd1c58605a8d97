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
import { clickedOffset, homeOpened, homePageClicked } from './home/handlers.js';
import { homeStartClicked, startHandover, startLeave, startReport, startSwap, type Opener } from './home/start.js';
import { teamWeekClicked } from './home/team-week.js';
import { compTimeAdjustClicked, compTimeAdjustSubmitted, compTimeApproveClicked } from './attendance/comp-time-handlers.js';
import { readCompTimeAdjust } from './attendance/parse.js';
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
import { click, form, modalForm, noPayload } from './listener.js';
import { readLeaveForm, readLeaveRejection, readLeaveSubmission, readProofUpload } from './leave/parse.js';
import { clickedRowId } from './row-id.js';
import { readReportSubmission } from './report/parse.js';
import {
  clickedHandoverAnswer,
  clickedHandoverId,
  clickedShift,
  readHandoverModalChange,
  readHandoverRefusal,
  readHandoverSubmission,
} from './handover/parse.js';
import { readSwapForm, readSwapRejection, readSwapSubmission } from './swap/parse.js';
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
  app.action(leaveIds.datePicked, click({ who: 'active', otherwise: 'ignore', parse: modalForm(readLeaveForm) }, leaveDatePicked(deps)));
  app.view(
    leaveIds.requestView,
    form({ who: 'active', otherwiseOn: leaveIds.blocks.type, parse: readLeaveSubmission }, leaveSubmitted(deps, services)),
  );
  app.action(leaveIds.approve, click({ who: 'anyone', parse: clickedRowId }, leaveApproveClicked(deps, services.locales)));
  app.action(leaveIds.reject, click({ who: 'anyone', parse: clickedRowId }, leaveRejectClicked(deps)));
  app.view(leaveIds.rejectView, form({ who: 'anyone', parse: readLeaveRejection }, leaveRejectReasonSubmitted(deps, services.locales)));
  app.action(leaveIds.withdraw, click({ who: 'anyone', parse: clickedRowId }, leaveWithdrawClicked(deps, services.locales)));
  app.action(leaveIds.attachProof, click({ who: 'anyone', parse: clickedRowId }, leaveAttachProofClicked()));
  app.view(leaveIds.proofView, form({ who: 'anyone', parse: readProofUpload }, leaveProofSubmitted(deps, services.locales)));
  app.command(commands.swap, commandListener(swapCommand, deps));
  app.action(swapIds.formChanged, click({ who: 'active', otherwise: 'ignore', parse: modalForm(readSwapForm) }, swapFormChanged(deps)));
  app.view(
    swapIds.requestView,
    form({ who: 'active', otherwiseOn: swapIds.blocks.myShift, parse: readSwapSubmission }, swapSubmitted(deps, services)),
  );
  app.action(swapIds.accept, click({ who: 'anyone', parse: clickedRowId }, swapAnswerClicked(deps, services, true)));
  app.action(swapIds.decline, click({ who: 'anyone', parse: clickedRowId }, swapAnswerClicked(deps, services, false)));
  app.action(swapIds.approve, click({ who: 'anyone', parse: clickedRowId }, swapDecisionClicked(deps, services, true)));
  app.action(swapIds.reject, click({ who: 'anyone', parse: clickedRowId }, swapRejectClicked(deps)));
  app.view(swapIds.rejectView, form({ who: 'anyone', parse: readSwapRejection }, swapRejectReasonSubmitted(deps, services)));
  app.action(swapIds.cancel, click({ who: 'anyone', parse: clickedRowId }, swapCancelClicked(deps, services)));
  app.action(leaveIds.findCover, click({ who: 'anyone', parse: clickedRowId }, leaveFindCoverClicked(deps, services.locales)));
  app.action(swapIds.coverAccept, click({ who: 'anyone', parse: clickedRowId }, coverAcceptClicked(deps, services.locales)));
  app.command(commands.handover, commandListener(handoverCommand, deps));
  const handoverModalChange = click(
    { who: 'active', otherwise: 'ignore', parse: modalForm(readHandoverModalChange) },
    handoverModalChanged(deps),
  );
  app.action(handoverIds.shiftPicked, handoverModalChange);
  app.action(handoverIds.addCase, handoverModalChange);
  app.view(
    handoverIds.writeView,
    form({ who: 'active', otherwiseOn: handoverIds.blocks.equipment, parse: readHandoverSubmission }, handoverSubmitted(deps, services)),
  );
  app.action(handoverIds.takeOver, click({ who: 'anyone', parse: clickedHandoverAnswer }, handoverTakeOverClicked(deps, services.locales)));
  app.action(handoverIds.refuse, click({ who: 'anyone', parse: clickedHandoverAnswer }, handoverRefuseClicked(deps, services.locales)));
  app.view(handoverIds.refuseView, form({ who: 'anyone', parse: readHandoverRefusal }, handoverRefusalSubmitted(deps, services.locales)));
  app.action(
    handoverIds.amend,
    click({ who: 'active', otherwise: 'handover.amend.not_yours', parse: clickedHandoverId }, handoverAmendClicked(deps)),
  );
  app.action(handoverIds.open, click({ who: 'active', otherwise: 'common.not_in_roster', parse: clickedShift }, handoverOpenClicked(deps)));
  app.command(commands.report, commandListener(reportCommand, deps));
  app.action(reportIds.open, click({ who: 'active', otherwise: 'say_why', parse: noPayload }, reportOpenClicked(deps)));
  app.view(
    reportIds.view,
    form(
      { who: 'active', otherwiseOn: reportIds.blocks.done, parse: readReportSubmission },
      reportSubmitted(deps, services, (client) => reportNotifier(client, services.bulk, deps, services.locales)),
    ),
  );
  app.event(events.appHomeOpened, homeOpened(deps, services.locales));
  const homePage = click({ who: 'known', otherwise: 'ignore', parse: clickedOffset }, homePageClicked(deps, services.locales));
  app.action(homeIds.page, homePage);
  app.action(homeIds.pageFirst, homePage);
  const start = (open: Opener) =>
    click({ who: 'active', otherwise: 'say_why', reply: 'modal', parse: noPayload }, homeStartClicked(deps, open));
  app.action(homeStartIds.requestLeave, start(startLeave));
  app.action(homeStartIds.swapShift, start(startSwap));
  app.action(homeStartIds.writeHandover, start(startHandover));
  app.action(homeStartIds.weeklySummary, start(startReport));
  app.action(homeIds.teamWeek, click({ who: 'known', otherwise: 'common.not_in_roster', parse: noPayload }, teamWeekClicked(deps)));
  app.action(compTimeIds.approve, click({ who: 'anyone', parse: clickedRowId }, compTimeApproveClicked(deps, services.locales)));
  app.action(compTimeIds.adjust, click({ who: 'anyone', parse: clickedRowId }, compTimeAdjustClicked(deps)));
  app.view(compTimeIds.adjustView, form({ who: 'anyone', parse: readCompTimeAdjust }, compTimeAdjustSubmitted(deps, services.locales)));
}
