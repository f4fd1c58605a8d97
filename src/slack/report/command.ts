import type { CommandDefinition } from '../commands/command.js';
import { openReportModal } from './handlers.js';
import { reportHelp } from './help.js';

export const reportCommand: CommandDefinition = {
  feature: 'report',
  titleKey: 'help.report.title',
  help: reportHelp,
  subcommands: { '': openReportModal },
};
