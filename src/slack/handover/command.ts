import type { CommandDefinition } from '../commands/command.js';
import { handoverHelp } from './help.js';

export const handoverCommand: CommandDefinition = {
  feature: 'handover',
  titleKey: 'help.handover.title',
  help: handoverHelp,
  subcommands: {},
};
