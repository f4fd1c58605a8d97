import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import { blockKitLimits } from '../blockkit-limits.js';
import { bullets, ephemeral, escapeMrkdwn, section } from '../blocks.js';
import { cleanText } from '../view-state.js';
import { userContext, type UserContext } from '../context.js';
import { commands } from '../ids.js';
import type { CommandDefinition } from './command.js';

const helpWords = new Set(['help', '?', '帮助']);

/** The listener for one slash command: help for anyone, sub-commands for people in the org. */
export function commandListener(def: CommandDefinition, deps: UseCaseDeps) {
  // The policy does not change while the app runs, so a help text is built once per language and team.
  const helpTexts = new Map<string, ReturnType<typeof helpReply>>();
  const help = (user: UserContext) => {
    const key = `${user.locale}|${user.person?.teamId ?? ''}`;
    let reply = helpTexts.get(key);
    if (!reply) {
      reply = helpReply(def, user, deps);
      helpTexts.set(key, reply);
    }
    return reply;
  };
  return async (args: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const { command, ack, context } = args;
    const user = userContext(context);
    if (command.text.length > blockKitLimits.commandText)
      return ack(ephemeral(user.t('common.text_too_long', { max: blockKitLimits.commandText })));
    const { word, rest } = splitSubcommand(cleanText(command.text, blockKitLimits.commandText));
    if (helpWords.has(word)) return ack(help(user));
    const person = user.person;
    if (person === undefined) return ack(ephemeral(user.t('common.not_in_roster')));
    if (!person.active) return ack(ephemeral(user.t('common.inactive')));
    const subcommand = def.subcommands[word];
    if (subcommand) return subcommand.run({ ...args, user: { ...user, person }, deps, rest });
    return ack(helpReply(def, user, deps, word === '' ? undefined : word));
  };
}

export function splitSubcommand(text: string): { word: string; rest: string } {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  const word = (space === -1 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  return { word, rest: space === -1 ? '' : trimmed.slice(space).trim() };
}

function helpReply(def: CommandDefinition, user: UserContext, deps: UseCaseDeps, unknownWord?: string) {
  const { t, locale } = user;
  const name = commands[def.feature];
  const team = user.person ? deps.policy.teams[user.person.teamId] : undefined;
  const usage = [
    ...Object.entries(def.subcommands).map(([word, sub]) => `\`${`${name} ${word}`.trim()}\` ${t(sub.summaryKey)}`),
    `\`${name} help\` ${t('help.this_help')}`,
  ];
  const blocks = [
    ...(unknownWord === undefined ? [] : [section(t('help.unknown_subcommand', { command: name, word: escapeMrkdwn(unknownWord) }))]),
    section(`*${t(def.titleKey)}*\n${bullets(usage)}`),
    ...def.help({ t, locale, policy: deps.policy, team, rules: team?.rules ?? deps.policy.rules }),
  ];
  return ephemeral(t(def.titleKey), blocks);
}
