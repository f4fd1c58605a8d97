import type { CommandDefinition } from '../commands/command.js';
import { openHandoverModal, showHandoverHistory } from './handlers.js';
import { handoverHelp } from './help.js';

export const handoverCommand: CommandDefinition = {
  feature: 'handover',
  titleKey: 'help.handover.title',
  help: handoverHelp,
  subcommands: { '': openHandoverModal, history: showHandoverHistory },
};
