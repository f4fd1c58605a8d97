import type { CommandDefinition } from '../commands/command.js';
import { listMySwapRequests, openSwapModal } from './handlers.js';
import { swapHelp } from './help.js';

export const swapCommand: CommandDefinition = {
  feature: 'swap',
  titleKey: 'help.swap.title',
  help: swapHelp,
  subcommands: { '': openSwapModal, list: listMySwapRequests },
};
