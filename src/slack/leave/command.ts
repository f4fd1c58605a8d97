import type { CommandDefinition } from '../commands/command.js';
import { listMyLeaveRequests, openLeaveModal } from './handlers.js';
import { leaveHelp } from './help.js';

export const leaveCommand: CommandDefinition = {
  feature: 'leave',
  titleKey: 'help.leave.title',
  help: leaveHelp,
  subcommands: { '': openLeaveModal, list: listMyLeaveRequests },
};
